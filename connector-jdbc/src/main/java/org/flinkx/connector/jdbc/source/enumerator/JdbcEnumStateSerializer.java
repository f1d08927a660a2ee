package org.flinkx.connector.jdbc.source.enumerator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.annotation.Internal;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.flinkx.connector.common.serialization.ValueCodec;
import org.flinkx.connector.common.serialization.VersionedSerializer;
import org.flinkx.connector.jdbc.source.split.JdbcSourceSplit;
import org.flinkx.connector.jdbc.source.split.JdbcSourceSplitSerializer;

/**
 * Versioned serializer of {@link JdbcEnumState}.
 *
 * <ul>
 *   <li>Version 1 (first release): pending splits (split version 1, not written), whether the
 *       listing is done, the high-water marks (keys written with {@code writeUTF}), the poll round.
 *   <li>Version 2: the version of the splits' format first (so a later split version stays
 *       readable), then version 1's fields, with the keys written by {@code ValueCodec.writeString}
 *       (no 64 KB limit). The splits are written in the split format's current version (3 since
 *       splits may be resumed by a key of several columns); state holding splits of version 2 is
 *       read as before.
 * </ul>
 */
@Internal
public final class JdbcEnumStateSerializer extends VersionedSerializer<JdbcEnumState> {

    static final int VERSION = 2;

    /** Version of the split format nested in version-1 state (it was not written then). */
    private static final int V1_SPLIT_VERSION = 1;

    public JdbcEnumStateSerializer() {
        super("the JDBC enumerator state", VERSION);
    }

    @Override
    protected void writeTo(JdbcEnumState state, DataOutputView out) throws IOException {
        out.writeInt(JdbcSourceSplitSerializer.VERSION);
        out.writeInt(state.pendingSplits().size());
        for (JdbcSourceSplit split : state.pendingSplits()) {
            JdbcSourceSplitSerializer.writeSplit(split, out);
        }
        out.writeBoolean(state.initialized());
        out.writeInt(state.highWaterMarks().size());
        for (Map.Entry<String, Object> mark : state.highWaterMarks().entrySet()) {
            ValueCodec.writeString(mark.getKey(), out);
            ValueCodec.write(mark.getValue(), out);
        }
        out.writeLong(state.pollRound());
    }

    @Override
    protected JdbcEnumState readFrom(int version, DataInputView in) throws IOException {
        int splitVersion = version == 1 ? V1_SPLIT_VERSION : in.readInt();
        int count = in.readInt();
        List<JdbcSourceSplit> splits = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            splits.add(JdbcSourceSplitSerializer.readSplit(splitVersion, in));
        }
        boolean initialized = in.readBoolean();
        int marks = in.readInt();
        Map<String, Object> highWaterMarks = new LinkedHashMap<>();
        for (int i = 0; i < marks; i++) {
            String key = version == 1 ? ValueCodec.readUtfV1(in) : ValueCodec.readString(in);
            highWaterMarks.put(key, ValueCodec.read(in));
        }
        return new JdbcEnumState(splits, initialized, highWaterMarks, in.readLong());
    }
}
