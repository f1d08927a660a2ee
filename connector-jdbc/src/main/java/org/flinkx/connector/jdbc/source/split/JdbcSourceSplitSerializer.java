package org.flinkx.connector.jdbc.source.split;

import static org.flinkx.connector.common.serialization.ValueCodec.read;
import static org.flinkx.connector.common.serialization.ValueCodec.readNullableString;
import static org.flinkx.connector.common.serialization.ValueCodec.readNullableUtfV1;
import static org.flinkx.connector.common.serialization.ValueCodec.readString;
import static org.flinkx.connector.common.serialization.ValueCodec.readUtfV1;
import static org.flinkx.connector.common.serialization.ValueCodec.write;
import static org.flinkx.connector.common.serialization.ValueCodec.writeNullableString;
import static org.flinkx.connector.common.serialization.ValueCodec.writeString;

import java.io.IOException;
import org.apache.flink.annotation.Internal;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Versioned serializer of {@link JdbcSourceSplit}. A new field is appended and read only for the
 * version that introduced it; golden files under {@code src/test/resources/serializer/} hold bytes
 * of every version.
 *
 * <ul>
 *   <li>Version 1 (first release): strings written with {@code writeUTF} (at most 64 KB each).
 *   <li>Version 2: the same fields, strings written with {@code ValueCodec.writeString} (int byte
 *       length + UTF-8, no length limit), string values with {@code ValueCodec}'s tag 10.
 * </ul>
 */
@Internal
public final class JdbcSourceSplitSerializer implements SimpleVersionedSerializer<JdbcSourceSplit> {

    public static final JdbcSourceSplitSerializer INSTANCE = new JdbcSourceSplitSerializer();
    public static final int VERSION = 2;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(JdbcSourceSplit split) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(128);
        writeSplit(split, out);
        return out.getCopyOfBuffer();
    }

    @Override
    public JdbcSourceSplit deserialize(int version, byte[] serialized) throws IOException {
        return readSplit(version, new DataInputDeserializer(serialized));
    }

    /**
     * Writes a split in the current version, {@link #VERSION} (also used inside the enumerator
     * state).
     */
    public static void writeSplit(JdbcSourceSplit split, DataOutputView out) throws IOException {
        writeString(split.splitId(), out);
        out.writeInt(split.shard());
        writeNullableString(split.database(), out);
        writeNullableString(split.table(), out);
        writeNullableString(split.partitionColumn(), out);
        write(split.lowerBound(), out);
        write(split.upperBound(), out);
        out.writeInt(split.modulus());
        out.writeInt(split.remainder());
        out.writeBoolean(split.includeNulls());
        writeNullableString(split.incrementalColumn(), out);
        write(split.incrementalFrom(), out);
        write(split.incrementalTo(), out);
        writeNullableString(split.offsetColumn(), out);
        write(split.offset(), out);
        out.writeBoolean(split.nullsDone());
    }

    /** Reads a split of the given version (1 or 2). */
    public static JdbcSourceSplit readSplit(int version, DataInputView in) throws IOException {
        if (version != 1 && version != 2) {
            throw new IOException("Unknown version " + version + " of a JDBC split");
        }
        boolean v1 = version == 1;
        return new JdbcSourceSplit(
                v1 ? readUtfV1(in) : readString(in),
                in.readInt(),
                nullableString(v1, in),
                nullableString(v1, in),
                nullableString(v1, in),
                read(in),
                read(in),
                in.readInt(),
                in.readInt(),
                in.readBoolean(),
                nullableString(v1, in),
                read(in),
                read(in),
                nullableString(v1, in),
                read(in),
                in.readBoolean());
    }

    private static String nullableString(boolean v1, DataInputView in) throws IOException {
        return v1 ? readNullableUtfV1(in) : readNullableString(in);
    }
}
