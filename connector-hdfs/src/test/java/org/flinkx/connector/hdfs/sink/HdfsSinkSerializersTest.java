package org.flinkx.connector.hdfs.sink;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.flinkx.connector.common.testutils.GoldenFiles;
import org.flinkx.connector.common.testutils.LongStrings;
import org.junit.jupiter.api.Test;

/** The sink's state formats read the bytes every earlier version wrote. */
class HdfsSinkSerializersTest {

    @Test
    void committableVersion1() throws Exception {
        HdfsCommittable committable =
                new HdfsCommittable(
                        "hdfs://nn:8020/t/.data/dt=2024-01-01/part-0a1b-1-7-deadbeef-3.parquet",
                        "hdfs://nn:8020/t/dt=2024-01-01/part-0a1b-1-7-deadbeef-3.parquet",
                        "part-0a1b-",
                        true);
        check(new HdfsSinkSerializers.Committable(), committable, "hdfs-committable-v1.bin");
    }

    @Test
    void writerStateVersion1() throws Exception {
        check(
                new HdfsSinkSerializers.WriterState(),
                new HdfsWriterState("0a1b2c3d4e5f"),
                "hdfs-writer-state-v1.bin");
    }

    @Test
    void committableVersion2() throws Exception {
        HdfsCommittable committable =
                new HdfsCommittable(
                        "hdfs://nn:8020/t/.data/dt=2024-01-01/part-0a1b-1-7-deadbeef-3.parquet",
                        "hdfs://nn:8020/t/dt=2024-01-01/part-0a1b-1-7-deadbeef-3.parquet",
                        "part-0a1b-",
                        true);
        checkV2(new HdfsSinkSerializers.Committable(), committable, "hdfs-committable-v2.bin");
    }

    @Test
    void writerStateVersion2() throws Exception {
        checkV2(
                new HdfsSinkSerializers.WriterState(),
                new HdfsWriterState("0a1b2c3d4e5f"),
                "hdfs-writer-state-v2.bin");
    }

    /** File paths (a deep partition directory, say) beyond writeUTF's 64 KB. */
    @Test
    void longPathsRoundTrip() throws Exception {
        HdfsCommittable committable =
                new HdfsCommittable(
                        LongStrings.of("hdfs://nn:8020/t/.data") + "/part-1.parquet",
                        LongStrings.of("hdfs://nn:8020/t") + "/part-1.parquet",
                        LongStrings.of("part"),
                        false);
        roundTrip(new HdfsSinkSerializers.Committable(), committable);
        roundTrip(
                new HdfsSinkSerializers.WriterState(), new HdfsWriterState(LongStrings.of("run")));
    }

    @Test
    void fileNamesParseBack() {
        String name = HdfsFiles.fileName("part", "0a1b", 3, 17, "deadbeef", 5, ".json.gz");
        assertThat(name).isEqualTo("part-0a1b-3-17-deadbeef-5.json.gz");
        assertThat(HdfsFiles.parse("part", name))
                .isEqualTo(new HdfsFiles.Name("0a1b", 3, 17, "deadbeef"));
        assertThat(HdfsFiles.parse("other", name)).isNull();
        assertThat(HdfsFiles.parse("part", "part-00000.parquet")).isNull();
        assertThat(HdfsFiles.hidden(".data")).isTrue();
        assertThat(HdfsFiles.hidden("_SUCCESS")).isTrue();
        assertThat(HdfsFiles.hidden(name)).isFalse();
    }

    static <T> void check(SimpleVersionedSerializer<T> serializer, T expected, String golden)
            throws Exception {
        byte[] bytes = GoldenFiles.released(golden);
        assertThat(serializer.deserialize(1, bytes)).isEqualTo(expected);
        roundTrip(serializer, expected);
    }

    static <T> void checkV2(SimpleVersionedSerializer<T> serializer, T expected, String golden)
            throws Exception {
        assertThat(serializer.getVersion()).isEqualTo(2);
        byte[] bytes = serializer.serialize(expected);
        assertThat(bytes).isEqualTo(GoldenFiles.read(golden, bytes));
        assertThat(serializer.deserialize(2, GoldenFiles.read(golden, bytes))).isEqualTo(expected);
    }

    static <T> void roundTrip(SimpleVersionedSerializer<T> serializer, T expected)
            throws Exception {
        assertThat(serializer.deserialize(serializer.getVersion(), serializer.serialize(expected)))
                .isEqualTo(expected);
    }
}
