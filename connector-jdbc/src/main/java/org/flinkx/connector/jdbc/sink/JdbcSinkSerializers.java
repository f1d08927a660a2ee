package org.flinkx.connector.jdbc.sink;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.flinkx.connector.common.serialization.ValueCodec;
import org.flinkx.connector.common.serialization.VersionedSerializer;
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

    static final class CommittableSerializer extends VersionedSerializer<JdbcCommittable> {
        CommittableSerializer() {
            super("a JDBC committable", VERSION);
        }

        @Override
        protected void writeTo(JdbcCommittable committable, DataOutputView out) throws IOException {
            TransactionId id = committable.transaction();
            ValueCodec.writeString(id.prefix(), out);
            out.writeInt(id.subtask());
            out.writeLong(id.checkpointId());
        }

        @Override
        protected JdbcCommittable readFrom(int version, DataInputView in) throws IOException {
            return new JdbcCommittable(
                    new TransactionId(readString(version, in), in.readInt(), in.readLong()));
        }
    }

    static final class WriterStateSerializer extends VersionedSerializer<JdbcWriterState> {
        WriterStateSerializer() {
            super("a JDBC writer state", VERSION);
        }

        @Override
        protected void writeTo(JdbcWriterState state, DataOutputView out) throws IOException {
            ValueCodec.writeString(state.transactionPrefix(), out);
            out.writeInt(state.subtasks().size());
            for (int subtask : state.subtasks()) {
                out.writeInt(subtask);
            }
        }

        @Override
        protected JdbcWriterState readFrom(int version, DataInputView in) throws IOException {
            String prefix = readString(version, in);
            int count = in.readInt();
            List<Integer> subtasks = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                subtasks.add(in.readInt());
            }
            return new JdbcWriterState(prefix, subtasks);
        }
    }

    private static String readString(int version, DataInputView in) throws IOException {
        return version == 1 ? ValueCodec.readUtfV1(in) : ValueCodec.readString(in);
    }

    private JdbcSinkSerializers() {}
}
