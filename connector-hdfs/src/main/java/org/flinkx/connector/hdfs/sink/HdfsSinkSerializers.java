package org.flinkx.connector.hdfs.sink;

import java.io.IOException;
import org.apache.flink.annotation.Internal;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.flinkx.connector.common.serialization.ValueCodec;

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

    public static final class Committable implements SimpleVersionedSerializer<HdfsCommittable> {
        public static final int VERSION = 2;

        @Override
        public int getVersion() {
            return VERSION;
        }

        @Override
        public byte[] serialize(HdfsCommittable c) throws IOException {
            DataOutputSerializer out = new DataOutputSerializer(256);
            ValueCodec.writeString(c.tempFile(), out);
            ValueCodec.writeString(c.targetFile(), out);
            ValueCodec.writeString(c.runPrefix(), out);
            out.writeBoolean(c.overwrite());
            return out.getCopyOfBuffer();
        }

        @Override
        public HdfsCommittable deserialize(int version, byte[] bytes) throws IOException {
            if (version != 1 && version != 2) {
                throw new IOException("Unknown version of an HDFS committable: " + version);
            }
            DataInputDeserializer in = new DataInputDeserializer(bytes);
            return new HdfsCommittable(
                    readString(version, in),
                    readString(version, in),
                    readString(version, in),
                    in.readBoolean());
        }
    }

    public static final class WriterState implements SimpleVersionedSerializer<HdfsWriterState> {
        public static final int VERSION = 2;

        @Override
        public int getVersion() {
            return VERSION;
        }

        @Override
        public byte[] serialize(HdfsWriterState state) throws IOException {
            DataOutputSerializer out = new DataOutputSerializer(64);
            ValueCodec.writeString(state.runId(), out);
            return out.getCopyOfBuffer();
        }

        @Override
        public HdfsWriterState deserialize(int version, byte[] bytes) throws IOException {
            if (version != 1 && version != 2) {
                throw new IOException("Unknown version of an HDFS writer state: " + version);
            }
            return new HdfsWriterState(readString(version, new DataInputDeserializer(bytes)));
        }
    }

    private static String readString(int version, DataInputView in) throws IOException {
        return version == 1 ? ValueCodec.readUtfV1(in) : ValueCodec.readString(in);
    }

    private HdfsSinkSerializers() {}
}
