package org.flinkx.connector.starrocks.sink;

import java.io.IOException;
import org.apache.flink.annotation.Internal;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.flinkx.connector.common.serialization.ValueCodec;
import org.flinkx.connector.common.serialization.VersionedSerializer;

/**
 * Versioned serializers of the sink's checkpoint state; golden files in the tests hold the bytes of
 * every version.
 *
 * <ul>
 *   <li>Version 1 (first release): strings written with {@code ValueCodec.writeString}.
 * </ul>
 */
@Internal
public final class StarRocksSinkSerializers {

    public static final class Committable extends VersionedSerializer<StarRocksCommittable> {
        public static final int VERSION = 1;

        public Committable() {
            super("a StarRocks committable", VERSION);
        }

        @Override
        protected void writeTo(StarRocksCommittable c, DataOutputView out) throws IOException {
            ValueCodec.writeString(c.database(), out);
            ValueCodec.writeString(c.table(), out);
            ValueCodec.writeString(c.label(), out);
        }

        @Override
        protected StarRocksCommittable readFrom(int version, DataInputView in) throws IOException {
            return new StarRocksCommittable(
                    ValueCodec.readString(in),
                    ValueCodec.readString(in),
                    ValueCodec.readString(in));
        }
    }

    public static final class WriterState extends VersionedSerializer<StarRocksWriterState> {
        public static final int VERSION = 1;

        public WriterState() {
            super("a StarRocks writer state", VERSION);
        }

        @Override
        protected void writeTo(StarRocksWriterState state, DataOutputView out) throws IOException {
            ValueCodec.writeString(state.labelPrefix(), out);
            ValueCodec.writeString(state.table(), out);
            ValueCodec.writeString(state.run(), out);
            out.writeInt(state.subtask());
            out.writeLong(state.nextNumber());
        }

        @Override
        protected StarRocksWriterState readFrom(int version, DataInputView in) throws IOException {
            return new StarRocksWriterState(
                    ValueCodec.readString(in),
                    ValueCodec.readString(in),
                    ValueCodec.readString(in),
                    in.readInt(),
                    in.readLong());
        }
    }

    private StarRocksSinkSerializers() {}
}
