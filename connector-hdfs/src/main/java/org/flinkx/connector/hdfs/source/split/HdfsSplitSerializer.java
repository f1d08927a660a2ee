package org.flinkx.connector.hdfs.source.split;

import java.io.IOException;
import org.apache.flink.annotation.Internal;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Versioned serializer of the source's splits (Flink's {@link FileSourceSplit}: a file range and
 * the position to resume at). FlinkX writes its own layout rather than Flink's, so the bytes in a
 * checkpoint stay readable whatever Flink changes. Version 1 is the first released format; golden
 * files in the tests hold bytes of every version.
 */
@Internal
public final class HdfsSplitSerializer implements SimpleVersionedSerializer<FileSourceSplit> {

    public static final HdfsSplitSerializer INSTANCE = new HdfsSplitSerializer();
    public static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(FileSourceSplit split) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(128);
        write(split, out);
        return out.getCopyOfBuffer();
    }

    @Override
    public FileSourceSplit deserialize(int version, byte[] bytes) throws IOException {
        return read(version, new DataInputDeserializer(bytes));
    }

    public static void write(FileSourceSplit split, DataOutputView out) throws IOException {
        out.writeUTF(split.splitId());
        out.writeUTF(split.path().toString());
        out.writeLong(split.offset());
        out.writeLong(split.length());
        out.writeLong(split.fileModificationTime());
        out.writeLong(split.fileSize());
        String[] hosts = split.hostnames();
        out.writeInt(hosts.length);
        for (String host : hosts) {
            out.writeUTF(host);
        }
        CheckpointedPosition position = split.getReaderPosition().orElse(null);
        out.writeBoolean(position != null);
        if (position != null) {
            out.writeLong(position.getOffset());
            out.writeLong(position.getRecordsAfterOffset());
        }
    }

    public static FileSourceSplit read(int version, DataInputView in) throws IOException {
        if (version != 1) {
            throw new IOException("Unknown version of an HDFS split: " + version);
        }
        String id = in.readUTF();
        Path path = new Path(in.readUTF());
        long offset = in.readLong();
        long length = in.readLong();
        long modificationTime = in.readLong();
        long fileSize = in.readLong();
        String[] hosts = new String[in.readInt()];
        for (int i = 0; i < hosts.length; i++) {
            hosts[i] = in.readUTF();
        }
        CheckpointedPosition position =
                in.readBoolean() ? new CheckpointedPosition(in.readLong(), in.readLong()) : null;
        return new FileSourceSplit(
                id, path, offset, length, modificationTime, fileSize, hosts, position);
    }
}
