package org.flinkx.connector.hdfs.sink;

import java.io.IOException;
import org.apache.flink.annotation.Internal;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * Versioned serializers of the sink's checkpoint state. Version 1 is the first released format;
 * golden files in the tests hold bytes of every version.
 */
@Internal
public final class HdfsSinkSerializers {

    public static final class Committable implements SimpleVersionedSerializer<HdfsCommittable> {
        public static final int VERSION = 1;

        @Override
        public int getVersion() {
            return VERSION;
        }

        @Override
        public byte[] serialize(HdfsCommittable c) throws IOException {
            DataOutputSerializer out = new DataOutputSerializer(256);
            out.writeUTF(c.tempFile());
            out.writeUTF(c.targetFile());
            out.writeUTF(c.runPrefix());
            out.writeBoolean(c.overwrite());
            return out.getCopyOfBuffer();
        }

        @Override
        public HdfsCommittable deserialize(int version, byte[] bytes) throws IOException {
            if (version != 1) {
                throw new IOException("Unknown version of an HDFS committable: " + version);
            }
            DataInputDeserializer in = new DataInputDeserializer(bytes);
            return new HdfsCommittable(in.readUTF(), in.readUTF(), in.readUTF(), in.readBoolean());
        }
    }

    public static final class WriterState implements SimpleVersionedSerializer<HdfsWriterState> {
        public static final int VERSION = 1;

        @Override
        public int getVersion() {
            return VERSION;
        }

        @Override
        public byte[] serialize(HdfsWriterState state) throws IOException {
            DataOutputSerializer out = new DataOutputSerializer(64);
            out.writeUTF(state.runId());
            return out.getCopyOfBuffer();
        }

        @Override
        public HdfsWriterState deserialize(int version, byte[] bytes) throws IOException {
            if (version != 1) {
                throw new IOException("Unknown version of an HDFS writer state: " + version);
            }
            return new HdfsWriterState(new DataInputDeserializer(bytes).readUTF());
        }
    }

    private HdfsSinkSerializers() {}
}
