package org.flinkx.connector.jdbc.source.enumerator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.annotation.Internal;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.flinkx.connector.common.serialization.ValueCodec;
import org.flinkx.connector.jdbc.source.split.JdbcSourceSplit;
import org.flinkx.connector.jdbc.source.split.JdbcSourceSplitSerializer;

/** Versioned serializer of {@link JdbcEnumState}; version 1 is the first format. */
@Internal
public final class JdbcEnumStateSerializer implements SimpleVersionedSerializer<JdbcEnumState> {

    static final int VERSION = 1;

    /** Version of the split format nested in this state version. */
    private static final int SPLIT_VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(JdbcEnumState state) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        out.writeInt(state.pendingSplits().size());
        for (JdbcSourceSplit split : state.pendingSplits()) {
            JdbcSourceSplitSerializer.writeSplit(split, out);
        }
        out.writeBoolean(state.initialized());
        out.writeInt(state.highWaterMarks().size());
        for (Map.Entry<String, Object> mark : state.highWaterMarks().entrySet()) {
            out.writeUTF(mark.getKey());
            ValueCodec.write(mark.getValue(), out);
        }
        out.writeLong(state.pollRound());
        return out.getCopyOfBuffer();
    }

    @Override
    public JdbcEnumState deserialize(int version, byte[] serialized) throws IOException {
        if (version != 1) {
            throw new IOException("Unknown version " + version + " of the JDBC enumerator state");
        }
        DataInputDeserializer in = new DataInputDeserializer(serialized);
        int count = in.readInt();
        List<JdbcSourceSplit> splits = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            splits.add(JdbcSourceSplitSerializer.readSplit(SPLIT_VERSION, in));
        }
        boolean initialized = in.readBoolean();
        int marks = in.readInt();
        Map<String, Object> highWaterMarks = new LinkedHashMap<>();
        for (int i = 0; i < marks; i++) {
            highWaterMarks.put(in.readUTF(), ValueCodec.read(in));
        }
        return new JdbcEnumState(splits, initialized, highWaterMarks, in.readLong());
    }
}
