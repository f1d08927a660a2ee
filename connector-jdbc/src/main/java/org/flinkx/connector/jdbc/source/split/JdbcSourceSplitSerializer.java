package org.flinkx.connector.jdbc.source.split;

import static org.flinkx.connector.common.serialization.ValueCodec.read;
import static org.flinkx.connector.common.serialization.ValueCodec.readNullableString;
import static org.flinkx.connector.common.serialization.ValueCodec.write;
import static org.flinkx.connector.common.serialization.ValueCodec.writeNullableString;

import java.io.IOException;
import org.apache.flink.annotation.Internal;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Versioned serializer of {@link JdbcSourceSplit}. Version 1 is the first format. A new field is
 * appended and read only for the version that introduced it; golden files under {@code
 * src/test/resources/serializer/} hold bytes of every version.
 */
@Internal
public final class JdbcSourceSplitSerializer implements SimpleVersionedSerializer<JdbcSourceSplit> {

    public static final JdbcSourceSplitSerializer INSTANCE = new JdbcSourceSplitSerializer();
    static final int VERSION = 1;

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

    /** Writes a split in the current version (also used inside the enumerator state). */
    public static void writeSplit(JdbcSourceSplit split, DataOutputView out) throws IOException {
        out.writeUTF(split.splitId());
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

    public static JdbcSourceSplit readSplit(int version, DataInputView in) throws IOException {
        if (version != 1) {
            throw new IOException("Unknown version " + version + " of a JDBC split");
        }
        return new JdbcSourceSplit(
                in.readUTF(),
                in.readInt(),
                readNullableString(in),
                readNullableString(in),
                readNullableString(in),
                read(in),
                read(in),
                in.readInt(),
                in.readInt(),
                in.readBoolean(),
                readNullableString(in),
                read(in),
                read(in),
                readNullableString(in),
                read(in),
                in.readBoolean());
    }
}
