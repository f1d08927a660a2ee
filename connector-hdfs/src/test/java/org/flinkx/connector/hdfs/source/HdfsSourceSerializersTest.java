package org.flinkx.connector.hdfs.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.core.fs.Path;
import org.flinkx.connector.common.testutils.GoldenFiles;
import org.flinkx.connector.common.testutils.LongStrings;
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
        byte[] bytes = GoldenFiles.released(golden);
        assertSame(serializer.deserialize(1, bytes), split);
        assertSame(
                serializer.deserialize(serializer.getVersion(), serializer.serialize(split)),
                split);
    }

    @Test
    void splitVersion2() throws Exception {
        checkSplitV2(FRESH, "hdfs-split-fresh-v2.bin");
        checkSplitV2(RESUMED, "hdfs-split-resumed-v2.bin");
    }

    private static void checkSplitV2(FileSourceSplit split, String golden) throws Exception {
        HdfsSplitSerializer serializer = HdfsSplitSerializer.INSTANCE;
        assertThat(serializer.getVersion()).isEqualTo(2);
        byte[] bytes = serializer.serialize(split);
        assertThat(bytes).as(golden).isEqualTo(GoldenFiles.read(golden, bytes));
        assertSame(serializer.deserialize(2, GoldenFiles.read(golden, bytes)), split);
    }

    @Test
    void enumeratorStateVersion1() throws Exception {
        HdfsEnumState state =
                new HdfsEnumState(List.of(FRESH, RESUMED), Set.of("hdfs://nn/t/a.txt"), true);
        HdfsEnumStateSerializer serializer = new HdfsEnumStateSerializer();
        byte[] bytes = GoldenFiles.released("hdfs-enum-state-v1.bin");
        HdfsEnumState read = serializer.deserialize(1, bytes);
        assertThat(read.seenFiles()).isEqualTo(state.seenFiles());
        assertThat(read.listed()).isTrue();
        assertThat(read.pending()).hasSize(2);
        assertSame(read.pending().get(0), FRESH);
        assertSame(read.pending().get(1), RESUMED);
    }

    @Test
    void enumeratorStateVersion2() throws Exception {
        HdfsEnumState state =
                new HdfsEnumState(List.of(FRESH, RESUMED), Set.of("hdfs://nn/t/a.txt"), true);
        HdfsEnumStateSerializer serializer = new HdfsEnumStateSerializer();
        assertThat(serializer.getVersion()).isEqualTo(2);
        byte[] bytes = serializer.serialize(state);
        byte[] golden = GoldenFiles.read("hdfs-enum-state-v2.bin", bytes);
        assertThat(bytes).isEqualTo(golden);
        // the split format's version comes first
        assertThat(golden).startsWith(0, 0, 0, HdfsSplitSerializer.VERSION);
        HdfsEnumState read = serializer.deserialize(2, golden);
        assertThat(read.seenFiles()).isEqualTo(state.seenFiles());
        assertThat(read.listed()).isTrue();
        assertThat(read.pending()).hasSize(2);
        assertSame(read.pending().get(0), FRESH);
        assertSame(read.pending().get(1), RESUMED);
    }

    /** File paths (and so split ids) beyond writeUTF's 64 KB. */
    @Test
    void longPathsRoundTrip() throws Exception {
        String file = LongStrings.of("hdfs://nn/t") + ".txt";
        FileSourceSplit split =
                new FileSourceSplit(
                        file + "@0",
                        new Path(file),
                        0,
                        10,
                        1700000000000L,
                        10,
                        new String[] {LongStrings.of("dn")},
                        new CheckpointedPosition(3, 0));
        assertThat(split.path().toString()).isEqualTo(file);
        HdfsSplitSerializer serializer = HdfsSplitSerializer.INSTANCE;
        assertSame(
                serializer.deserialize(serializer.getVersion(), serializer.serialize(split)),
                split);

        HdfsEnumState state = new HdfsEnumState(List.of(split), Set.of(file), false);
        HdfsEnumStateSerializer states = new HdfsEnumStateSerializer();
        HdfsEnumState read = states.deserialize(states.getVersion(), states.serialize(state));
        assertThat(read.seenFiles()).containsExactly(file);
        assertThat(read.listed()).isFalse();
        assertThat(read.pending()).hasSize(1);
        assertSame(read.pending().get(0), split);
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
