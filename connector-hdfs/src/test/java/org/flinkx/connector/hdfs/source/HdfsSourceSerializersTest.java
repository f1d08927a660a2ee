package org.flinkx.connector.hdfs.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.core.fs.Path;
import org.flinkx.connector.common.testutils.GoldenFiles;
import org.flinkx.connector.hdfs.source.enumerator.HdfsEnumState;
import org.flinkx.connector.hdfs.source.enumerator.HdfsEnumStateSerializer;
import org.flinkx.connector.hdfs.source.split.HdfsSplitSerializer;
import org.junit.jupiter.api.Test;

/** The source's state formats read the bytes every earlier version wrote. */
class HdfsSourceSerializersTest {

    private static final FileSourceSplit FRESH =
            new FileSourceSplit(
                    "hdfs://nn/t/a.txt@0",
                    new Path("hdfs://nn/t/a.txt"),
                    0,
                    1024,
                    1700000000000L,
                    4096,
                    new String[] {"dn1", "dn2"},
                    null);
    private static final FileSourceSplit RESUMED =
            new FileSourceSplit(
                    "hdfs://nn/t/b.parquet@134217728",
                    new Path("hdfs://nn/t/b.parquet"),
                    134217728,
                    1000,
                    1700000000001L,
                    134218728,
                    new String[0],
                    new CheckpointedPosition(CheckpointedPosition.NO_OFFSET, 77));

    @Test
    void splitVersion1() throws Exception {
        checkSplit(FRESH, "hdfs-split-fresh-v1.bin");
        checkSplit(RESUMED, "hdfs-split-resumed-v1.bin");
    }

    private static void checkSplit(FileSourceSplit split, String golden) throws Exception {
        HdfsSplitSerializer serializer = HdfsSplitSerializer.INSTANCE;
        byte[] bytes = GoldenFiles.read(golden, serializer.serialize(split));
        assertSame(serializer.deserialize(1, bytes), split);
        assertSame(
                serializer.deserialize(serializer.getVersion(), serializer.serialize(split)),
                split);
    }

    @Test
    void enumeratorStateVersion1() throws Exception {
        HdfsEnumState state =
                new HdfsEnumState(List.of(FRESH, RESUMED), Set.of("hdfs://nn/t/a.txt"), true);
        HdfsEnumStateSerializer serializer = new HdfsEnumStateSerializer();
        byte[] bytes = GoldenFiles.read("hdfs-enum-state-v1.bin", serializer.serialize(state));
        HdfsEnumState read = serializer.deserialize(1, bytes);
        assertThat(read.seenFiles()).isEqualTo(state.seenFiles());
        assertThat(read.listed()).isTrue();
        assertThat(read.pending()).hasSize(2);
        assertSame(read.pending().get(0), FRESH);
        assertSame(read.pending().get(1), RESUMED);
    }

    /** FileSourceSplit has no equals: compare what it holds. */
    private static void assertSame(FileSourceSplit actual, FileSourceSplit expected) {
        assertThat(actual.splitId()).isEqualTo(expected.splitId());
        assertThat(actual.path()).isEqualTo(expected.path());
        assertThat(actual.offset()).isEqualTo(expected.offset());
        assertThat(actual.length()).isEqualTo(expected.length());
        assertThat(actual.fileModificationTime()).isEqualTo(expected.fileModificationTime());
        assertThat(actual.fileSize()).isEqualTo(expected.fileSize());
        assertThat(actual.hostnames()).containsExactly(expected.hostnames());
        assertThat(actual.getReaderPosition()).isEqualTo(expected.getReaderPosition());
    }
}
