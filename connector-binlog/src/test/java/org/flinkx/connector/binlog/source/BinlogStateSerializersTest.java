package org.flinkx.connector.binlog.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;
import org.flinkx.connector.binlog.debezium.BinlogPositions;
import org.flinkx.connector.binlog.source.enumerator.BinlogEnumState;
import org.flinkx.connector.binlog.source.enumerator.BinlogEnumStateSerializer;
import org.flinkx.connector.binlog.source.enumerator.CapturedTable;
import org.flinkx.connector.binlog.source.enumerator.SnapshotProgress;
import org.flinkx.connector.binlog.source.split.BinlogPosition;
import org.flinkx.connector.binlog.source.split.BinlogSourceSplit;
import org.flinkx.connector.binlog.source.split.BinlogSplit;
import org.flinkx.connector.binlog.source.split.BinlogSplitSerializer;
import org.flinkx.connector.binlog.source.split.FinishedSnapshotSplit;
import org.flinkx.connector.binlog.source.split.SnapshotChunk;
import org.flinkx.connector.binlog.source.split.SnapshotSplit;
import org.flinkx.connector.common.testutils.GoldenFiles;
import org.junit.jupiter.api.Test;

/** The source's state formats read the bytes every earlier version wrote. */
class BinlogStateSerializersTest {

    private static final String OFFSET =
            "{\"file\":\"mysql-bin.000003\",\"pos\":1234,\"gtids\":\"0-1-42\",\"row\":1,\"event\":2}";
    private static final List<String> HISTORY =
            List.of(
                    "{\"source\":{\"server\":\"flinkx\"},\"position\":{\"file\":\"mysql-bin.000001\",\"pos\":4},"
                            + "\"ddl\":\"CREATE TABLE t (id INT PRIMARY KEY)\"}",
                    "x".repeat(70_000));
    private static final BinlogSplit RESUMED = new BinlogSplit(OFFSET, HISTORY);
    // version 4: the tables a split has emitted, with their columns
    private static final Map<String, List<String>> TABLES = tables();

    private static Map<String, List<String>> tables() {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        tables.put("shop.orders", List.of("id", "total", "note"));
        tables.put("edu_1.course_2", List.of("course_id", "name"));
        return tables;
    }

    private static final BinlogPosition AT_1 = new BinlogPosition("mysql-bin.000002", 4711);
    private static final BinlogPosition AT_2 = new BinlogPosition("mysql-bin.000003", 15);
    private static final List<SnapshotChunk> CHUNKS =
            List.of(
                    new SnapshotChunk("shop", "orders", null, BigInteger.valueOf(1000), AT_1),
                    new SnapshotChunk("shop", "orders", BigInteger.valueOf(1000), null, AT_2),
                    new SnapshotChunk("shop", "notes", null, null, AT_1),
                    new SnapshotChunk(
                            "shop", "big", new BigInteger("18446744073709551000"), null, AT_2));
    private static final SnapshotSplit FRESH_CHUNK =
            new SnapshotSplit(
                    "shop",
                    "orders",
                    "id",
                    BigInteger.valueOf(-5),
                    BigInteger.valueOf(1000),
                    0,
                    List.of());
    private static final SnapshotSplit RESUMED_CHUNK =
            new SnapshotSplit(
                    "shop",
                    "orders",
                    "id",
                    null,
                    BigInteger.valueOf(1000),
                    3,
                    CHUNKS.subList(0, 1));
    private static final SnapshotSplit WHOLE_TABLE =
            new SnapshotSplit("shop", "notes", null, null, null, 0, List.of());

    // version 3: tables keyed by several columns
    private static final List<Object> KEY_1 =
            List.of(
                    BigDecimal.valueOf(150),
                    BigDecimal.valueOf(7),
                    new BigDecimal("-12.50"),
                    LocalDate.of(2024, 2, 29),
                    LocalDateTime.of(2024, 3, 1, 23, 59, 59, 123_456_000),
                    Instant.ofEpochSecond(1_700_000_000L, 999_000));
    private static final List<Object> KEY_2 =
            List.of(
                    BigDecimal.valueOf(150),
                    BigDecimal.valueOf(9),
                    new BigDecimal("0.00"),
                    LocalDate.of(1969, 12, 31),
                    LocalDateTime.of(1900, 1, 1, 0, 0),
                    Instant.ofEpochSecond(-1L, 0));
    private static final List<String> KEY_COLUMNS =
            List.of("tenant", "seq", "amount", "day", "at", "ts");
    private static final List<SnapshotChunk> COMPOSITE_CHUNKS =
            List.of(
                    new SnapshotChunk(
                            "shop",
                            "lines",
                            BigInteger.valueOf(100),
                            BigInteger.valueOf(151),
                            null,
                            KEY_1,
                            AT_1),
                    new SnapshotChunk(
                            "shop",
                            "lines",
                            BigInteger.valueOf(150),
                            BigInteger.valueOf(151),
                            KEY_1,
                            KEY_2,
                            AT_2),
                    new SnapshotChunk(
                            "shop",
                            "lines",
                            BigInteger.valueOf(150),
                            BigInteger.valueOf(200),
                            KEY_2,
                            null,
                            AT_1));
    private static final SnapshotSplit COMPOSITE_CHUNK =
            new SnapshotSplit(
                    "shop",
                    "lines",
                    KEY_COLUMNS,
                    BigInteger.valueOf(100),
                    BigInteger.valueOf(200),
                    4,
                    COMPOSITE_CHUNKS.subList(0, 2),
                    false);
    private static final SnapshotSplit GROUPED_CHUNK =
            new SnapshotSplit(
                    "shop",
                    "codes",
                    List.of("tenant", "code"),
                    null,
                    BigInteger.valueOf(30),
                    0,
                    List.of(new SnapshotChunk("shop", "codes", null, BigInteger.valueOf(12), AT_2)),
                    true);

    private static List<SnapshotChunk> allChunks() {
        List<SnapshotChunk> all = new java.util.ArrayList<>(CHUNKS);
        all.addAll(COMPOSITE_CHUNKS);
        return all;
    }

    @Test
    void splitVersion1() throws Exception {
        BinlogSplitSerializer serializer = new BinlogSplitSerializer();
        assertThat(serializer.deserialize(1, GoldenFiles.released("binlog-split-resumed-v1.bin")))
                .isEqualTo(RESUMED);
        assertThat(serializer.deserialize(1, GoldenFiles.released("binlog-split-fresh-v1.bin")))
                .isEqualTo(new BinlogSplit(null, List.of()));
    }

    @Test
    void splitVersion2() throws Exception {
        BinlogSplitSerializer serializer = new BinlogSplitSerializer();
        for (Map.Entry<String, BinlogSourceSplit> split : splitsOfVersion2().entrySet()) {
            byte[] bytes = GoldenFiles.released(split.getKey());
            assertThat(serializer.deserialize(2, bytes))
                    .as(split.getKey())
                    .isEqualTo(split.getValue());
        }
    }

    @Test
    void splitVersion3() throws Exception {
        BinlogSplitSerializer serializer = new BinlogSplitSerializer();
        for (Map.Entry<String, BinlogSourceSplit> split : splitsOfVersion3().entrySet()) {
            byte[] bytes = GoldenFiles.released(split.getKey());
            assertThat(serializer.deserialize(3, bytes))
                    .as(split.getKey())
                    .isEqualTo(split.getValue());
        }
    }

    /** Version 4: a binlog split records its tables and their columns (or that it does not). */
    @Test
    void splitVersion4() throws Exception {
        BinlogSplitSerializer serializer = new BinlogSplitSerializer();
        assertThat(serializer.getVersion()).isEqualTo(4);
        Map<String, BinlogSourceSplit> splits = new LinkedHashMap<>();
        for (Map.Entry<String, BinlogSourceSplit> split : splitsOfVersion3().entrySet()) {
            splits.put(split.getKey().replace("-v3.bin", "-v4.bin"), split.getValue());
        }
        splits.put("binlog-split-tables-v4.bin", RESUMED.withTables(TABLES));
        splits.put(
                "binlog-split-tables-no-columns-v4.bin",
                new BinlogSplit(
                        null,
                        List.of(),
                        CHUNKS,
                        Map.of("shop.empty", List.of()),
                        List.of("shop.orders")));
        for (Map.Entry<String, BinlogSourceSplit> split : splits.entrySet()) {
            byte[] bytes = GoldenFiles.read(split.getKey(), serializer.serialize(split.getValue()));
            assertThat(serializer.serialize(split.getValue())).as(split.getKey()).isEqualTo(bytes);
            assertThat(serializer.deserialize(4, bytes))
                    .as(split.getKey())
                    .isEqualTo(split.getValue());
        }
        BinlogSplit tables =
                (BinlogSplit)
                        serializer.deserialize(
                                4, GoldenFiles.released("binlog-split-tables-v4.bin"));
        assertThat(tables.tables()).containsExactlyEntriesOf(TABLES);
        assertThat(tables.reread()).isEmpty();
    }

    private static Map<String, BinlogSourceSplit> splitsOfVersion3() {
        Map<String, BinlogSourceSplit> splits = new LinkedHashMap<>();
        for (Map.Entry<String, BinlogSourceSplit> split : splitsOfVersion2().entrySet()) {
            splits.put(split.getKey().replace("-v2.bin", "-v3.bin"), split.getValue());
        }
        splits.put(
                "binlog-split-composite-chunks-v3.bin",
                new BinlogSplit(OFFSET, List.of(), allChunks()));
        splits.put("snapshot-split-composite-v3.bin", COMPOSITE_CHUNK);
        splits.put("snapshot-split-leading-groups-v3.bin", GROUPED_CHUNK);
        splits.put(
                "snapshot-split-finished-composite-v3.bin",
                new FinishedSnapshotSplit(COMPOSITE_CHUNK.splitId(), COMPOSITE_CHUNKS));
        return splits;
    }

    /** A split written by version 3 reads back with its whole-key bounds and key columns. */
    @Test
    void compositeKeysRoundTrip() throws Exception {
        BinlogSplitSerializer serializer = new BinlogSplitSerializer();
        SnapshotSplit restored =
                (SnapshotSplit) serializer.deserialize(3, serializer.serialize(COMPOSITE_CHUNK));
        assertThat(restored.keyColumns()).isEqualTo(KEY_COLUMNS);
        assertThat(restored.keyColumn()).isEqualTo("tenant");
        assertThat(restored.leadingValueGroups()).isFalse();
        assertThat(restored.remainingFrom()).isEqualTo(BigInteger.valueOf(150));
        assertThat(restored.remainingAfter()).isEqualTo(KEY_2);
        SnapshotSplit grouped =
                (SnapshotSplit) serializer.deserialize(3, serializer.serialize(GROUPED_CHUNK));
        assertThat(grouped.leadingValueGroups()).isTrue();
        assertThat(grouped.remainingFrom()).isEqualTo(BigInteger.valueOf(12));
        assertThat(grouped.remainingAfter()).isNull();
    }

    private static Map<String, BinlogSourceSplit> splitsOfVersion2() {
        Map<String, BinlogSourceSplit> splits = new LinkedHashMap<>();
        splits.put("binlog-split-resumed-v2.bin", RESUMED);
        splits.put(
                "binlog-split-after-snapshot-v2.bin", new BinlogSplit(OFFSET, List.of(), CHUNKS));
        splits.put("snapshot-split-fresh-v2.bin", FRESH_CHUNK);
        splits.put("snapshot-split-resumed-v2.bin", RESUMED_CHUNK);
        splits.put("snapshot-split-whole-table-v2.bin", WHOLE_TABLE);
        splits.put(
                "snapshot-split-finished-v2.bin",
                new FinishedSnapshotSplit(FRESH_CHUNK.splitId(), CHUNKS));
        return splits;
    }

    /**
     * Version 3 only appends: a chunk without whole-key bounds is version 2's bytes and two absent
     * values (tag 0 each).
     */
    @Test
    void version3AppendsWholeKeyBoundsToChunks() throws Exception {
        BinlogSplitSerializer serializer = new BinlogSplitSerializer();
        byte[] v2 = GoldenFiles.released("snapshot-split-fresh-v2.bin");
        // no chunks; 0 further key columns, not in groups
        assertThat(serializer.serialize(FRESH_CHUNK))
                .startsWith(v2)
                .hasSize(v2.length + 5)
                .endsWith(0, 0, 0, 0, 0);
    }

    @Test
    void enumeratorStateVersion1() throws Exception {
        BinlogEnumStateSerializer serializer = new BinlogEnumStateSerializer();
        assertThat(serializer.deserialize(1, GoldenFiles.released("binlog-enum-state-v1.bin")))
                .isEqualTo(new BinlogEnumState(new BinlogSplit(null, List.of())));
    }

    @Test
    void enumeratorStateVersion2() throws Exception {
        BinlogEnumStateSerializer serializer = new BinlogEnumStateSerializer();
        for (Map.Entry<String, BinlogEnumState> state : statesOfVersion2().entrySet()) {
            byte[] bytes = GoldenFiles.released(state.getKey());
            assertThat(serializer.deserialize(2, bytes))
                    .as(state.getKey())
                    .isEqualTo(state.getValue());
        }
    }

    @Test
    void enumeratorStateVersion3() throws Exception {
        BinlogEnumStateSerializer serializer = new BinlogEnumStateSerializer();
        for (Map.Entry<String, BinlogEnumState> state : statesOfVersion3().entrySet()) {
            byte[] bytes = GoldenFiles.released(state.getKey());
            assertThat(serializer.deserialize(3, bytes))
                    .as(state.getKey())
                    .isEqualTo(state.getValue());
        }
    }

    /** Version 4: the snapshot progress says whether it catches up tables for a held split. */
    @Test
    void enumeratorStateVersion4() throws Exception {
        BinlogEnumStateSerializer serializer = new BinlogEnumStateSerializer();
        for (Map.Entry<String, BinlogEnumState> state : statesOfVersion4().entrySet()) {
            byte[] bytes = GoldenFiles.released(state.getKey());
            assertThat(serializer.deserialize(4, bytes))
                    .as(state.getKey())
                    .isEqualTo(state.getValue());
        }
    }

    /** Version 5: a catch-up's progress names the tables it reads. */
    @Test
    void enumeratorStateVersion5() throws Exception {
        BinlogEnumStateSerializer serializer = new BinlogEnumStateSerializer();
        assertThat(serializer.getVersion()).isEqualTo(5);
        Map<String, BinlogEnumState> states = new LinkedHashMap<>();
        for (Map.Entry<String, BinlogEnumState> state : statesOfVersion4().entrySet()) {
            states.put(state.getKey().replace("-v4.bin", "-v5.bin"), state.getValue());
        }
        states.put(
                "binlog-enum-state-catch-up-tables-v5.bin",
                new BinlogEnumState(null, catchUp(List.of("shop.notes", "shop.gone"))));
        for (Map.Entry<String, BinlogEnumState> state : states.entrySet()) {
            byte[] bytes = GoldenFiles.read(state.getKey(), serializer.serialize(state.getValue()));
            assertThat(serializer.serialize(state.getValue())).as(state.getKey()).isEqualTo(bytes);
            assertThat(serializer.deserialize(5, bytes))
                    .as(state.getKey())
                    .isEqualTo(state.getValue());
        }
    }

    private static Map<String, BinlogEnumState> statesOfVersion4() {
        Map<String, BinlogEnumState> states = new LinkedHashMap<>();
        for (Map.Entry<String, BinlogEnumState> state : statesOfVersion3().entrySet()) {
            states.put(state.getKey().replace("-v3.bin", "-v4.bin"), state.getValue());
        }
        // version 4 did not record a catch-up's tables
        states.put("binlog-enum-state-catch-up-v4.bin", new BinlogEnumState(null, catchUp(null)));
        states.put(
                "binlog-enum-state-binlog-tables-v4.bin",
                new BinlogEnumState(new BinlogSplit(OFFSET, List.of(), CHUNKS, TABLES)));
        return states;
    }

    private static SnapshotProgress catchUp(@Nullable List<String> tables) {
        Map<String, List<SnapshotChunk>> finished = new LinkedHashMap<>();
        finished.put(FRESH_CHUNK.splitId(), CHUNKS.subList(0, 2));
        return new SnapshotProgress(
                AT_2,
                List.of(new CapturedTable("shop", "notes", null)),
                null,
                0,
                List.of(),
                List.of(),
                finished,
                true,
                tables);
    }

    private static Map<String, BinlogEnumState> statesOfVersion3() {
        Map<String, BinlogEnumState> states = new LinkedHashMap<>();
        for (Map.Entry<String, BinlogEnumState> state : statesOfVersion2().entrySet()) {
            states.put(state.getKey().replace("-v2.bin", "-v3.bin"), state.getValue());
        }
        Map<String, List<SnapshotChunk>> finished = new LinkedHashMap<>();
        finished.put(COMPOSITE_CHUNK.splitId(), COMPOSITE_CHUNKS);
        finished.put(GROUPED_CHUNK.splitId(), GROUPED_CHUNK.emitted());
        states.put(
                "binlog-enum-state-composite-v3.bin",
                new BinlogEnumState(
                        null,
                        new SnapshotProgress(
                                AT_2,
                                List.of(
                                        new CapturedTable("shop", "lines", KEY_COLUMNS, false),
                                        new CapturedTable(
                                                "shop", "codes", List.of("tenant", "code"), true),
                                        new CapturedTable("shop", "notes", null)),
                                BigInteger.valueOf(200),
                                5,
                                List.of(COMPOSITE_CHUNK, GROUPED_CHUNK),
                                List.of("snapshot:shop.lines:5"),
                                finished)));
        return states;
    }

    private static Map<String, BinlogEnumState> statesOfVersion2() {
        Map<String, List<SnapshotChunk>> finished = new LinkedHashMap<>();
        finished.put(FRESH_CHUNK.splitId(), CHUNKS.subList(0, 2));
        finished.put(WHOLE_TABLE.splitId(), CHUNKS.subList(2, 3));
        SnapshotProgress progress =
                new SnapshotProgress(
                        AT_1,
                        List.of(
                                new CapturedTable("shop", "orders", "id"),
                                new CapturedTable("shop", "notes", null)),
                        BigInteger.valueOf(2000),
                        2,
                        List.of(RESUMED_CHUNK),
                        List.of("snapshot:shop.orders:1"),
                        finished);
        Map<String, BinlogEnumState> states = new LinkedHashMap<>();
        states.put("binlog-enum-state-snapshot-v2.bin", new BinlogEnumState(null, progress));
        states.put(
                "binlog-enum-state-binlog-v2.bin",
                new BinlogEnumState(new BinlogSplit(OFFSET, List.of(), CHUNKS)));
        states.put("binlog-enum-state-assigned-v2.bin", new BinlogEnumState(null));
        return states;
    }

    @Test
    void offsetsRoundTripThroughJson() {
        Map<String, Object> offset =
                Map.of("file", "mysql-bin.000003", "pos", 1234L, "gtids", "0-1-42");
        assertThat(BinlogPositions.fromJson(BinlogPositions.toJson(offset))).isEqualTo(offset);
    }
}
