package org.flinkx.connector.jdbc.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    /** A range split of a table resumed by its key {@code (tenant, seq, code)}, after a row. */
    static JdbcSourceSplit compositeSplit() {
        return new JdbcSourceSplit(
                "2-0-1",
                0,
                "shop",
                "public.order_lines",
                "tenant",
                100L,
                200L,
                0,
                0,
                false,
                null,
                null,
                null,
                List.of("tenant", "seq", "code"),
                List.of(150L, 7L, "x'y"),
                true);
    }

    /** The first split of that table, nothing emitted yet. */
    static JdbcSourceSplit freshCompositeSplit() {
        return new JdbcSourceSplit(
                "2-0-0",
                0,
                "shop",
                "public.order_lines",
                "tenant",
                null,
                100L,
                0,
                0,
                true,
                null,
                null,
                null,
                List.of("tenant", "seq"),
                null,
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
        for (JdbcSourceSplit split : List.of(rangeSplit(), modSplit())) {
            String name = "jdbc-split-" + split.splitId() + "-v2.bin";
            byte[] golden = GoldenFiles.released(name);
            assertThat(serializer.deserialize(2, golden)).isEqualTo(split);
        }
    }

    @Test
    void splitVersion3() throws Exception {
        JdbcSourceSplitSerializer serializer = JdbcSourceSplitSerializer.INSTANCE;
        assertThat(serializer.getVersion()).isEqualTo(3);
        for (JdbcSourceSplit split :
                List.of(rangeSplit(), modSplit(), compositeSplit(), freshCompositeSplit())) {
            String name = "jdbc-split-" + split.splitId() + "-v3.bin";
            byte[] bytes = serializer.serialize(split);
            byte[] golden = GoldenFiles.read(name, bytes);
            assertThat(bytes).as(name).isEqualTo(golden);
            assertThat(serializer.deserialize(3, golden)).isEqualTo(split);
        }
    }

    /**
     * Version 3 appends the further offset columns to version 2's fields: a split with one offset
     * column is version 2's bytes and a count of 0; a key's offset is a tuple (tag 11).
     */
    @Test
    void version3AppendsTheFurtherOffsetColumns() throws Exception {
        JdbcSourceSplitSerializer serializer = JdbcSourceSplitSerializer.INSTANCE;
        for (JdbcSourceSplit split : List.of(rangeSplit(), modSplit())) {
            byte[] v2 = GoldenFiles.released("jdbc-split-" + split.splitId() + "-v2.bin");
            assertThat(serializer.serialize(split)).startsWith(v2).hasSize(v2.length + 4);
            assertThat(serializer.serialize(split)).endsWith(0, 0, 0, 0);
        }
        JdbcSourceSplit composite = compositeSplit();
        JdbcSourceSplit restored = serializer.deserialize(3, serializer.serialize(composite));
        assertThat(restored.offsetColumns()).containsExactly("tenant", "seq", "code");
        assertThat(restored.offsetColumn()).isEqualTo("tenant");
        assertThat(restored.offset()).isEqualTo(List.of(150L, 7L, "x'y"));
        assertThat(restored.withProgress(List.of(151L, 1L, "a"), true))
                .isEqualTo(composite.withProgress(List.of(151L, 1L, "a"), true));
        assertThatThrownBy(() -> serializer.deserialize(4, new byte[0]))
                .isInstanceOf(java.io.IOException.class)
                .hasMessageContaining("Unknown version 4");
        assertThatThrownBy(() -> composite.withProgress(151L, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one value for each");
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
        byte[] golden = GoldenFiles.released("jdbc-enum-state-v2.bin");
        // the split format's version comes first: splits of version 2 in this file
        assertThat(golden).startsWith(0, 0, 0, 2);
        assertThat(serializer.deserialize(2, golden)).isEqualTo(state);
    }

    /** The enumerator state's layout is still version 2; its splits are of split version 3. */
    @Test
    void enumeratorStateVersion2WithSplitsOfVersion3() throws Exception {
        Map<String, Object> marks = new LinkedHashMap<>();
        marks.put("0/public.orders", 99L);
        marks.put("1/", "zzz");
        JdbcEnumState state =
                new JdbcEnumState(
                        List.of(rangeSplit(), modSplit(), compositeSplit(), freshCompositeSplit()),
                        true,
                        marks,
                        7);
        JdbcEnumStateSerializer serializer = new JdbcEnumStateSerializer();
        assertThat(serializer.getVersion()).isEqualTo(2);
        byte[] bytes = serializer.serialize(state);
        byte[] golden = GoldenFiles.read("jdbc-enum-state-v2-split-v3.bin", bytes);
        assertThat(bytes).isEqualTo(golden);
        assertThat(golden).startsWith(0, 0, 0, JdbcSourceSplitSerializer.INSTANCE.getVersion());
        assertThat(golden).startsWith(0, 0, 0, 3);
        assertThat(serializer.deserialize(2, golden)).isEqualTo(state);
    }
}
