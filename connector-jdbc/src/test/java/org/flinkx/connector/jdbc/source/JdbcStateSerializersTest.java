package org.flinkx.connector.jdbc.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flinkx.connector.common.testutils.GoldenFiles;
import org.flinkx.connector.common.testutils.LongStrings;
import org.flinkx.connector.jdbc.source.enumerator.JdbcEnumState;
import org.flinkx.connector.jdbc.source.enumerator.JdbcEnumStateSerializer;
import org.flinkx.connector.jdbc.source.split.JdbcSourceSplit;
import org.flinkx.connector.jdbc.source.split.JdbcSourceSplitSerializer;
import org.junit.jupiter.api.Test;

/** The source's state formats read the bytes every earlier version wrote. */
class JdbcStateSerializersTest {

    static JdbcSourceSplit rangeSplit() {
        return new JdbcSourceSplit(
                "0-1-3",
                1,
                "shop",
                "public.orders",
                "id",
                100L,
                200L,
                0,
                0,
                true,
                "updated",
                LocalDateTime.of(2024, 5, 1, 12, 30, 15, 123_000_000),
                Instant.ofEpochSecond(1_700_000_000L, 5),
                "id",
                150L,
                true);
    }

    static JdbcSourceSplit modSplit() {
        return new JdbcSourceSplit(
                "poll-7-0-0",
                0,
                null,
                null,
                "amount",
                null,
                null,
                4,
                3,
                false,
                null,
                null,
                null,
                "amount",
                new BigDecimal("12345.6789"),
                false);
    }

    @Test
    void splitVersion1() throws Exception {
        for (JdbcSourceSplit split : List.of(rangeSplit(), modSplit())) {
            String name = "jdbc-split-" + split.splitId() + "-v1.bin";
            byte[] golden = GoldenFiles.released(name);
            assertThat(JdbcSourceSplitSerializer.INSTANCE.deserialize(1, golden)).isEqualTo(split);
        }
    }

    @Test
    void splitVersion2() throws Exception {
        JdbcSourceSplitSerializer serializer = JdbcSourceSplitSerializer.INSTANCE;
        assertThat(serializer.getVersion()).isEqualTo(2);
        for (JdbcSourceSplit split : List.of(rangeSplit(), modSplit())) {
            String name = "jdbc-split-" + split.splitId() + "-v2.bin";
            byte[] bytes = serializer.serialize(split);
            byte[] golden = GoldenFiles.read(name, bytes);
            assertThat(bytes).as(name).isEqualTo(golden);
            assertThat(serializer.deserialize(2, golden)).isEqualTo(split);
        }
    }

    /** Table, filter-sized strings and string offsets beyond writeUTF's 64 KB. */
    @Test
    void longStringsRoundTrip() throws Exception {
        JdbcSourceSplit split = longSplit();
        JdbcSourceSplitSerializer serializer = JdbcSourceSplitSerializer.INSTANCE;
        assertThat(serializer.deserialize(serializer.getVersion(), serializer.serialize(split)))
                .isEqualTo(split);

        Map<String, Object> marks = new LinkedHashMap<>();
        marks.put("0/" + split.table(), LongStrings.of("mark"));
        JdbcEnumState state = new JdbcEnumState(List.of(split, modSplit()), true, marks, 3);
        JdbcEnumStateSerializer states = new JdbcEnumStateSerializer();
        assertThat(states.deserialize(states.getVersion(), states.serialize(state)))
                .isEqualTo(state);
    }

    private static JdbcSourceSplit longSplit() {
        return new JdbcSourceSplit(
                LongStrings.of("split"),
                2,
                LongStrings.of("db"),
                LongStrings.of("public.orders"),
                LongStrings.of("id"),
                LongStrings.of("lower"),
                LongStrings.of("upper"),
                0,
                0,
                false,
                LongStrings.of("updated"),
                LongStrings.of("from"),
                LongStrings.of("to"),
                LongStrings.of("name"),
                LongStrings.of("offset"),
                false);
    }

    @Test
    void enumeratorStateVersion1() throws Exception {
        Map<String, Object> marks = new LinkedHashMap<>();
        marks.put("0/public.orders", 99L);
        marks.put("1/", "zzz");
        JdbcEnumState state = new JdbcEnumState(List.of(rangeSplit(), modSplit()), true, marks, 7);
        JdbcEnumStateSerializer serializer = new JdbcEnumStateSerializer();
        byte[] golden = GoldenFiles.released("jdbc-enum-state-v1.bin");
        JdbcEnumState restored = serializer.deserialize(1, golden);
        assertThat(restored.pendingSplits()).isEqualTo(state.pendingSplits());
        assertThat(restored.initialized()).isTrue();
        assertThat(restored.highWaterMarks()).isEqualTo(marks);
        assertThat(restored.pollRound()).isEqualTo(7);
    }

    @Test
    void enumeratorStateVersion2() throws Exception {
        Map<String, Object> marks = new LinkedHashMap<>();
        marks.put("0/public.orders", 99L);
        marks.put("1/", "zzz");
        JdbcEnumState state = new JdbcEnumState(List.of(rangeSplit(), modSplit()), true, marks, 7);
        JdbcEnumStateSerializer serializer = new JdbcEnumStateSerializer();
        assertThat(serializer.getVersion()).isEqualTo(2);
        byte[] bytes = serializer.serialize(state);
        byte[] golden = GoldenFiles.read("jdbc-enum-state-v2.bin", bytes);
        assertThat(bytes).isEqualTo(golden);
        // the split format's version comes first
        assertThat(golden).startsWith(0, 0, 0, JdbcSourceSplitSerializer.INSTANCE.getVersion());
        assertThat(serializer.deserialize(2, golden)).isEqualTo(state);
    }
}
