package org.flinkx.connector.hdfs.sink;

import java.io.IOException;
import org.apache.flink.annotation.Internal;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.flinkx.connector.common.serialization.ValueCodec;
import org.flinkx.connector.common.serialization.VersionedSerializer;

/**
 * Versioned serializers of the sink's checkpoint state; golden files in the tests hold bytes of
 * every version.
 *
 * <ul>
 *   <li>Version 1 (first release): strings (file paths, prefixes, run id) written with {@code
 *       writeUTF} (at most 64 KB each).
 *   <li>Version 2: the same fields, strings written with {@code ValueCodec.writeString} (int byte
 *       length + UTF-8, no length limit).
 * </ul>
 */
@Internal
public final class HdfsSinkSerializers {

    public static final class Committable extends VersionedSerializer<HdfsCommittable> {
        public static final int VERSION = 2;

        public Committable() {
            super("an HDFS committable", VERSION);
        }

        @Override
        protected void writeTo(HdfsCommittable c, DataOutputView out) throws IOException {
            ValueCodec.writeString(c.tempFile(), out);
            ValueCodec.writeString(c.targetFile(), out);
            ValueCodec.writeString(c.runPrefix(), out);
            out.writeBoolean(c.overwrite());
        }

        @Override
        protected HdfsCommittable readFrom(int version, DataInputView in) throws IOException {
            return new HdfsCommittable(
                    readString(version, in),
                    readString(version, in),
                    readString(version, in),
                    in.readBoolean());
        }
    }

    public static final class WriterState extends VersionedSerializer<HdfsWriterState> {
        public static final int VERSION = 2;

        public WriterState() {
            super("an HDFS writer state", VERSION);
        }

        @Override
        protected void writeTo(HdfsWriterState state, DataOutputView out) throws IOException {
            ValueCodec.writeString(state.runId(), out);
        }

        @Override
        protected HdfsWriterState readFrom(int version, DataInputView in) throws IOException {
            return new HdfsWriterState(readString(version, in));
        }
    }

    private static String readString(int version, DataInputView in) throws IOException {
        return version == 1 ? ValueCodec.readUtfV1(in) : ValueCodec.readString(in);
    }

    private HdfsSinkSerializers() {}
}
