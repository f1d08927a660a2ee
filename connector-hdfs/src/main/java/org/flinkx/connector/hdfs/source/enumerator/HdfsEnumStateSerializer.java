package org.flinkx.connector.hdfs.source.enumerator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.annotation.Internal;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.flinkx.connector.common.serialization.ValueCodec;
import org.flinkx.connector.common.serialization.VersionedSerializer;
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
public final class HdfsEnumStateSerializer extends VersionedSerializer<HdfsEnumState> {

    public static final int VERSION = 2;

    public HdfsEnumStateSerializer() {
        super("an HDFS enumerator state", VERSION);
    }

    @Override
    protected void writeTo(HdfsEnumState state, DataOutputView out) throws IOException {
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
    }

    @Override
    protected HdfsEnumState readFrom(int version, DataInputView in) throws IOException {
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
