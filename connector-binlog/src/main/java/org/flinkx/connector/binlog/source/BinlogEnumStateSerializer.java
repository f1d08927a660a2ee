package org.flinkx.connector.binlog.source;

import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import java.io.IOException;

/** Versioned serializer of {@link BinlogEnumState}; version 1 is the first released format. */
public final class BinlogEnumStateSerializer implements SimpleVersionedSerializer<BinlogEnumState> {

    public static final int VERSION = 1;
    private final BinlogSplitSerializer splits = new BinlogSplitSerializer();

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(BinlogEnumState state) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        out.writeBoolean(state.unassigned() != null);
        if (state.unassigned() != null) {
            out.writeInt(splits.getVersion());
            byte[] split = splits.serialize(state.unassigned());
            out.writeInt(split.length);
            out.write(split);
        }
        return out.getCopyOfBuffer();
    }

    @Override
    public BinlogEnumState deserialize(int version, byte[] bytes) throws IOException {
        if (version != 1) {
            throw new IOException("Unknown version of a binlog enumerator state: " + version);
        }
        DataInputDeserializer in = new DataInputDeserializer(bytes);
        if (!in.readBoolean()) {
            return new BinlogEnumState(null);
        }
        int splitVersion = in.readInt();
        byte[] split = new byte[in.readInt()];
        in.readFully(split);
        return new BinlogEnumState(splits.deserialize(splitVersion, split));
    }
}
