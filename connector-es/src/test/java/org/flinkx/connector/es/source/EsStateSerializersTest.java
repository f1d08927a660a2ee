package org.flinkx.connector.es.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.flinkx.connector.common.testutils.GoldenFiles;
import org.flinkx.connector.common.testutils.LongStrings;
import org.flinkx.connector.es.source.enumerator.EsEnumState;
import org.flinkx.connector.es.source.enumerator.EsEnumStateSerializer;
import org.flinkx.connector.es.source.split.EsSplit;
import org.flinkx.connector.es.source.split.EsSplitSerializer;
import org.flinkx.connector.es.source.split.EsSplitState;
import org.junit.jupiter.api.Test;

/**
 * The source's state formats read the bytes every released version wrote (golden files under {@code
 * src/test/resources/serializer/}, written once with {@code -Dflinkx.golden.write=true}).
 */
class EsStateSerializersTest {

    /** Slice 0 of 4 read by scroll, not begun. */
    static EsSplit freshScrollSplit() {
        return EsSplit.of("logs-*,audit", 0, 4, null);
    }

    /** Slice 2 of 3 in a point in time, after the hit (logs-2024.05, doc-17). */
    static EsSplit resumedPitSplit() {
        return EsSplit.of("logs-2024.*", 2, 3, "46ToAwMDaWR5BXV1aWQy")
                .withPosition(List.of("logs-2024.05", "doc-17"), 1234, "46ToAwMDaWR5BXV1aWQz");
    }

    /** A point in time sorted on _shard_doc, and values of every kind a sort may give. */
    static EsSplit shardDocSplit() {
        return new EsSplit(
                "slice-0-of-1",
                "orders",
                0,
                1,
                "pit-é\uD83D\uDE00",
                Arrays.asList(4_294_967_301L, 2.5d, new BigDecimal("18446744073709551615"), null),
                7);
    }

    @Test
    void splitVersion1() throws Exception {
        EsSplitSerializer serializer = EsSplitSerializer.INSTANCE;
        assertThat(serializer.getVersion()).isEqualTo(1);
        for (var named :
                List.of(
                        new Named("scroll-fresh", freshScrollSplit()),
                        new Named("pit-resumed", resumedPitSplit()),
                        new Named("shard-doc", shardDocSplit()))) {
            String name = "es-split-" + named.name() + "-v1.bin";
            byte[] bytes = serializer.serialize(named.split());
            byte[] golden = GoldenFiles.read(name, bytes);
            assertThat(bytes).as(name).isEqualTo(golden);
            assertThat(serializer.deserialize(1, golden)).as(name).isEqualTo(named.split());
        }
    }

    private record Named(String name, EsSplit split) {}

    @Test
    void enumeratorStateVersion1() throws Exception {
        EsEnumState state =
                new EsEnumState(
                        List.of(resumedPitSplit(), shardDocSplit()), true, "46ToAwMDaWR5BXV1aWQy");
        EsEnumStateSerializer serializer = new EsEnumStateSerializer();
        assertThat(serializer.getVersion()).isEqualTo(1);
        byte[] bytes = serializer.serialize(state);
        byte[] golden = GoldenFiles.read("es-enum-state-v1.bin", bytes);
        assertThat(bytes).isEqualTo(golden);
        // the splits' format version comes first
        assertThat(golden).startsWith(0, 0, 0, 1);
        assertThat(serializer.deserialize(1, golden)).isEqualTo(state);

        EsEnumState initial = EsEnumState.initial();
        assertThat(serializer.deserialize(1, serializer.serialize(initial))).isEqualTo(initial);
    }

    @Test
    void longStringsRoundTrip() throws Exception {
        EsSplit split =
                EsSplit.of(LongStrings.of("index"), 1, 2, LongStrings.of("pit"))
                        .withPosition(List.of(LongStrings.of("i"), LongStrings.of("id")), 3, null);
        EsSplitSerializer serializer = EsSplitSerializer.INSTANCE;
        assertThat(serializer.deserialize(1, serializer.serialize(split))).isEqualTo(split);
        EsEnumState state = new EsEnumState(List.of(split), false, LongStrings.of("pit"));
        EsEnumStateSerializer states = new EsEnumStateSerializer();
        assertThat(states.deserialize(1, states.serialize(state))).isEqualTo(state);
    }

    @Test
    void unknownVersionsAreRefused() {
        assertThatThrownBy(() -> EsSplitSerializer.INSTANCE.deserialize(2, new byte[0]))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Unknown version 2");
        assertThatThrownBy(() -> new EsEnumStateSerializer().deserialize(2, new byte[0]))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Unknown version 2");
    }

    /** The state moves past each hit, takes the point in time answers name, keeps the split's. */
    @Test
    void splitStateAdvances() {
        EsSplit split = EsSplit.of("logs", 1, 2, "pit-1");
        EsSplitState state = new EsSplitState(split);
        assertThat(state.toSplit()).isEqualTo(split);
        state.advance(List.of("logs", "a"), "pit-2");
        state.advance(List.of("logs", "b"), null);
        EsSplit moved = state.toSplit();
        assertThat(moved.sortValues()).containsExactly("logs", "b");
        assertThat(moved.documentsRead()).isEqualTo(2);
        assertThat(moved.pitId()).isEqualTo("pit-2");
        assertThat(moved.splitId()).isEqualTo(split.splitId()).isEqualTo("slice-1-of-2");
        assertThat(new EsSplitState(moved).toSplit()).isEqualTo(moved);
    }
}
