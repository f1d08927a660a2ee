package org.flinkx.connector.binlog.source;

import org.flinkx.connector.common.testutils.GoldenFiles;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The source's state formats read the bytes every earlier version wrote. */
class BinlogStateSerializersTest {

    private static final BinlogSplit RESUMED = new BinlogSplit(
            "{\"file\":\"mysql-bin.000003\",\"pos\":1234,\"gtids\":\"0-1-42\",\"row\":1,\"event\":2}",
            List.of("{\"source\":{\"server\":\"flinkx\"},\"position\":{\"file\":\"mysql-bin.000001\",\"pos\":4},"
                    + "\"ddl\":\"CREATE TABLE t (id INT PRIMARY KEY)\"}", "x".repeat(70_000)));

    @Test
    void splitVersion1() throws Exception {
        BinlogSplitSerializer serializer = new BinlogSplitSerializer();
        for (BinlogSplit split : List.of(RESUMED, new BinlogSplit(null, List.of()))) {
            String golden = split.offset() == null ? "binlog-split-fresh-v1.bin" : "binlog-split-resumed-v1.bin";
            byte[] bytes = GoldenFiles.read(golden, serializer.serialize(split));
            assertThat(serializer.deserialize(1, bytes)).isEqualTo(split);
        }
    }

    @Test
    void enumeratorStateVersion1() throws Exception {
        BinlogEnumStateSerializer serializer = new BinlogEnumStateSerializer();
        BinlogEnumState state = new BinlogEnumState(new BinlogSplit(null, List.of()));
        byte[] bytes = GoldenFiles.read("binlog-enum-state-v1.bin", serializer.serialize(state));
        assertThat(serializer.deserialize(1, bytes)).isEqualTo(state);
        assertThat(serializer.deserialize(1, serializer.serialize(new BinlogEnumState(null)))).isEqualTo(new BinlogEnumState(null));
    }

    @Test
    void offsetsRoundTripThroughJson() {
        Map<String, Object> offset = Map.of("file", "mysql-bin.000003", "pos", 1234L, "gtids", "0-1-42");
        assertThat(BinlogPositions.fromJson(BinlogPositions.toJson(offset))).isEqualTo(offset);
    }
}
