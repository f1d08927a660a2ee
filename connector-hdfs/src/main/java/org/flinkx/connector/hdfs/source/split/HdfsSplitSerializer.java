package org.flinkx.connector.hdfs.source.split;

import static org.flinkx.connector.common.serialization.ValueCodec.readString;
import static org.flinkx.connector.common.serialization.ValueCodec.readUtfV1;
import static org.flinkx.connector.common.serialization.ValueCodec.writeString;

import java.io.IOException;
import org.apache.flink.annotation.Internal;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.flinkx.connector.common.serialization.VersionedSerializer;

/**
 * Versioned serializer of the source's splits (Flink's {@link FileSourceSplit}: a file range and
 * the position to resume at). FlinkX writes its own layout rather than Flink's, so the bytes in a
 * checkpoint stay readable whatever Flink changes. Golden files in the tests hold bytes of every
 * version.
 *
 * <ul>
 *   <li>Version 1 (first release): id, path and hosts written with {@code writeUTF} (at most 64 KB
 *       each).
 *   <li>Version 2: the same fields, strings written with {@code ValueCodec.writeString} (int byte
 *       length + UTF-8, no length limit).
 * </ul>
 */
@Internal
public final class HdfsSplitSerializer extends VersionedSerializer<FileSourceSplit> {

    public static final HdfsSplitSerializer INSTANCE = new HdfsSplitSerializer();
    public static final int VERSION = 2;

    public HdfsSplitSerializer() {
        super("an HDFS split", VERSION);
    }

    @Override
    protected void writeTo(FileSourceSplit split, DataOutputView out) throws IOException {
        write(split, out);
    }

    @Override
    protected FileSourceSplit readFrom(int version, DataInputView in) throws IOException {
        return read(version, in);
    }

    /** Writes a split in the current version, {@link #VERSION}. */
    public static void write(FileSourceSplit split, DataOutputView out) throws IOException {
        writeString(split.splitId(), out);
        writeString(split.path().toString(), out);
        out.writeLong(split.offset());
        out.writeLong(split.length());
        out.writeLong(split.fileModificationTime());
        out.writeLong(split.fileSize());
        String[] hosts = split.hostnames();
        out.writeInt(hosts.length);
        for (String host : hosts) {
            writeString(host, out);
        }
        CheckpointedPosition position = split.getReaderPosition().orElse(null);
        out.writeBoolean(position != null);
        if (position != null) {
            out.writeLong(position.getOffset());
            out.writeLong(position.getRecordsAfterOffset());
        }
    }

    /** Reads a split of the given version (1 or 2). */
    public static FileSourceSplit read(int version, DataInputView in) throws IOException {
        if (version != 1 && version != 2) {
            throw new IOException("Unknown version of an HDFS split: " + version);
        }
        boolean v1 = version == 1;
        String id = v1 ? readUtfV1(in) : readString(in);
        Path path = new Path(v1 ? readUtfV1(in) : readString(in));
        long offset = in.readLong();
        long length = in.readLong();
        long modificationTime = in.readLong();
        long fileSize = in.readLong();
        String[] hosts = new String[in.readInt()];
        for (int i = 0; i < hosts.length; i++) {
            hosts[i] = v1 ? readUtfV1(in) : readString(in);
        }
        CheckpointedPosition position =
                in.readBoolean() ? new CheckpointedPosition(in.readLong(), in.readLong()) : null;
        return new FileSourceSplit(
                id, path, offset, length, modificationTime, fileSize, hosts, position);
    }
}
