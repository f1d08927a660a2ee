package org.flinkx.connector.hdfs.source.enumerator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.annotation.Internal;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.flinkx.connector.common.serialization.ValueCodec;
import org.flinkx.connector.hdfs.source.split.HdfsSplitSerializer;

/**
 * Versioned serializer of {@link HdfsEnumState}. Both versions write the version of the splits'
 * format before the splits, so a later split version stays readable.
 *
 * <ul>
 *   <li>Version 1 (first release): split version, pending splits, the files seen (written with
 *       {@code writeUTF}, at most 64 KB each), whether the listing is done.
 *   <li>Version 2: the same fields, the files seen written with {@code ValueCodec.writeString} (no
 *       length limit); the splits are written in their version 2.
 * </ul>
 */
@Internal
public final class HdfsEnumStateSerializer implements SimpleVersionedSerializer<HdfsEnumState> {

    public static final int VERSION = 2;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(HdfsEnumState state) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(1024);
        out.writeInt(HdfsSplitSerializer.VERSION);
        out.writeInt(state.pending().size());
        for (FileSourceSplit split : state.pending()) {
            HdfsSplitSerializer.write(split, out);
        }
        out.writeInt(state.seenFiles().size());
        for (String file : state.seenFiles()) {
            ValueCodec.writeString(file, out);
        }
        out.writeBoolean(state.listed());
        return out.getCopyOfBuffer();
    }

    @Override
    public HdfsEnumState deserialize(int version, byte[] bytes) throws IOException {
        if (version != 1 && version != 2) {
            throw new IOException("Unknown version of an HDFS enumerator state: " + version);
        }
        DataInputDeserializer in = new DataInputDeserializer(bytes);
        int splitVersion = in.readInt();
        int count = in.readInt();
        List<FileSourceSplit> pending = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            pending.add(HdfsSplitSerializer.read(splitVersion, in));
        }
        int seenCount = in.readInt();
        Set<String> seen = new HashSet<>(seenCount);
        for (int i = 0; i < seenCount; i++) {
            seen.add(version == 1 ? ValueCodec.readUtfV1(in) : ValueCodec.readString(in));
        }
        return new HdfsEnumState(pending, seen, in.readBoolean());
    }
}
