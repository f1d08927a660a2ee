package org.flinkx.connector.jdbc.sink;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.flinkx.connector.common.serialization.ValueCodec;
import org.flinkx.connector.common.sink.TransactionId;

/**
 * Versioned serializers of the sink's committables and writer state.
 *
 * <ul>
 *   <li>Version 1 (first release): the transaction prefix written with {@code writeUTF} (at most 64
 *       KB).
 *   <li>Version 2: the same fields, the prefix written with {@code ValueCodec.writeString} (int
 *       byte length + UTF-8, no length limit).
 * </ul>
 */
final class JdbcSinkSerializers {

    static final int VERSION = 2;

    static final class CommittableSerializer implements SimpleVersionedSerializer<JdbcCommittable> {
        @Override
        public int getVersion() {
            return VERSION;
        }

        @Override
        public byte[] serialize(JdbcCommittable committable) throws IOException {
            DataOutputSerializer out = new DataOutputSerializer(64);
            TransactionId id = committable.transaction();
            ValueCodec.writeString(id.prefix(), out);
            out.writeInt(id.subtask());
            out.writeLong(id.checkpointId());
            return out.getCopyOfBuffer();
        }

        @Override
        public JdbcCommittable deserialize(int version, byte[] serialized) throws IOException {
            checkVersion(version, "a JDBC committable");
            DataInputDeserializer in = new DataInputDeserializer(serialized);
            return new JdbcCommittable(
                    new TransactionId(readString(version, in), in.readInt(), in.readLong()));
        }
    }

    static final class WriterStateSerializer implements SimpleVersionedSerializer<JdbcWriterState> {
        @Override
        public int getVersion() {
            return VERSION;
        }

        @Override
        public byte[] serialize(JdbcWriterState state) throws IOException {
            DataOutputSerializer out = new DataOutputSerializer(32);
            ValueCodec.writeString(state.transactionPrefix(), out);
            out.writeInt(state.subtasks().size());
            for (int subtask : state.subtasks()) {
                out.writeInt(subtask);
            }
            return out.getCopyOfBuffer();
        }

        @Override
        public JdbcWriterState deserialize(int version, byte[] serialized) throws IOException {
            checkVersion(version, "a JDBC writer state");
            DataInputDeserializer in = new DataInputDeserializer(serialized);
            String prefix = readString(version, in);
            int count = in.readInt();
            List<Integer> subtasks = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                subtasks.add(in.readInt());
            }
            return new JdbcWriterState(prefix, subtasks);
        }
    }

    private static void checkVersion(int version, String what) throws IOException {
        if (version != 1 && version != 2) {
            throw new IOException("Unknown version " + version + " of " + what);
        }
    }

    private static String readString(int version, DataInputView in) throws IOException {
        return version == 1 ? ValueCodec.readUtfV1(in) : ValueCodec.readString(in);
    }

    private JdbcSinkSerializers() {}
}
