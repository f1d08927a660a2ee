package org.flinkx.connector.binlog.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        for (Map.Entry<String, BinlogSourceSplit> split : splits.entrySet()) {
            byte[] bytes = GoldenFiles.read(split.getKey(), serializer.serialize(split.getValue()));
            assertThat(serializer.serialize(split.getValue())).as(split.getKey()).isEqualTo(bytes);
            assertThat(serializer.deserialize(2, bytes))
                    .as(split.getKey())
                    .isEqualTo(split.getValue());
        }
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
        for (Map.Entry<String, BinlogEnumState> state : states.entrySet()) {
            byte[] bytes = GoldenFiles.read(state.getKey(), serializer.serialize(state.getValue()));
            assertThat(serializer.serialize(state.getValue())).as(state.getKey()).isEqualTo(bytes);
            assertThat(serializer.deserialize(2, bytes))
                    .as(state.getKey())
                    .isEqualTo(state.getValue());
        }
    }

    @Test
    void offsetsRoundTripThroughJson() {
        Map<String, Object> offset =
                Map.of("file", "mysql-bin.000003", "pos", 1234L, "gtids", "0-1-42");
        assertThat(BinlogPositions.fromJson(BinlogPositions.toJson(offset))).isEqualTo(offset);
    }
}
