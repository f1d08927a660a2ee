package org.flinkx.connector.jdbc.sink;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.flinkx.connector.common.sink.TransactionId;

/** Versioned serializers of the sink's committables and writer state; version 1 is the first. */
final class JdbcSinkSerializers {

    static final class CommittableSerializer implements SimpleVersionedSerializer<JdbcCommittable> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(JdbcCommittable committable) throws IOException {
            DataOutputSerializer out = new DataOutputSerializer(64);
            TransactionId id = committable.transaction();
            out.writeUTF(id.prefix());
            out.writeInt(id.subtask());
            out.writeLong(id.checkpointId());
            return out.getCopyOfBuffer();
        }

        @Override
        public JdbcCommittable deserialize(int version, byte[] serialized) throws IOException {
            if (version != 1) {
                throw new IOException("Unknown version " + version + " of a JDBC committable");
            }
            DataInputDeserializer in = new DataInputDeserializer(serialized);
            return new JdbcCommittable(
                    new TransactionId(in.readUTF(), in.readInt(), in.readLong()));
        }
    }

    static final class WriterStateSerializer implements SimpleVersionedSerializer<JdbcWriterState> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(JdbcWriterState state) throws IOException {
            DataOutputSerializer out = new DataOutputSerializer(32);
            out.writeUTF(state.transactionPrefix());
            out.writeInt(state.subtasks().size());
            for (int subtask : state.subtasks()) {
                out.writeInt(subtask);
            }
            return out.getCopyOfBuffer();
        }

        @Override
        public JdbcWriterState deserialize(int version, byte[] serialized) throws IOException {
            if (version != 1) {
                throw new IOException("Unknown version " + version + " of a JDBC writer state");
            }
            DataInputDeserializer in = new DataInputDeserializer(serialized);
            String prefix = in.readUTF();
            int count = in.readInt();
            List<Integer> subtasks = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                subtasks.add(in.readInt());
            }
            return new JdbcWriterState(prefix, subtasks);
        }
    }

    private JdbcSinkSerializers() {}
}
