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
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.annotation.Internal;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.flinkx.connector.common.serialization.VersionedSerializer;

/**
 * Versioned serializer of {@link JdbcSourceSplit}. A new field is appended and read only for the
 * version that introduced it; golden files under {@code src/test/resources/serializer/} hold bytes
 * of every version.
 *
 * <ul>
 *   <li>Version 1 (first release): strings written with {@code writeUTF} (at most 64 KB each).
 *   <li>Version 2: the same fields, strings written with {@code ValueCodec.writeString} (int byte
 *       length + UTF-8, no length limit), string values with {@code ValueCodec}'s tag 10.
 *   <li>Version 3: version 2's fields (the offset column is the first, leading one), then the
 *       further offset columns of a split read by a key of several columns: an int count (0 for one
 *       offset column or none) and each name. The offset of such a split is a tuple ({@code
 *       ValueCodec}'s tag 11) of the last emitted row's key values.
 * </ul>
 */
@Internal
public final class JdbcSourceSplitSerializer extends VersionedSerializer<JdbcSourceSplit> {

    public static final JdbcSourceSplitSerializer INSTANCE = new JdbcSourceSplitSerializer();
    public static final int VERSION = 3;

    public JdbcSourceSplitSerializer() {
        super("a JDBC split", VERSION);
    }

    @Override
    protected void writeTo(JdbcSourceSplit split, DataOutputView out) throws IOException {
        writeSplit(split, out);
    }

    @Override
    protected JdbcSourceSplit readFrom(int version, DataInputView in) throws IOException {
        return readSplit(version, in);
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
        List<String> further = split.offsetColumns();
        out.writeInt(Math.max(0, further.size() - 1));
        for (int i = 1; i < further.size(); i++) {
            writeString(further.get(i), out);
        }
    }

    /** Reads a split of the given version (1, 2 or 3). */
    public static JdbcSourceSplit readSplit(int version, DataInputView in) throws IOException {
        if (version < 1 || version > 3) {
            throw new IOException("Unknown version " + version + " of a JDBC split");
        }
        boolean v1 = version == 1;
        String splitId = v1 ? readUtfV1(in) : readString(in);
        int shard = in.readInt();
        String database = nullableString(v1, in);
        String table = nullableString(v1, in);
        String partitionColumn = nullableString(v1, in);
        Object lowerBound = read(in);
        Object upperBound = read(in);
        int modulus = in.readInt();
        int remainder = in.readInt();
        boolean includeNulls = in.readBoolean();
        String incrementalColumn = nullableString(v1, in);
        Object incrementalFrom = read(in);
        Object incrementalTo = read(in);
        String offsetColumn = nullableString(v1, in);
        Object offset = read(in);
        boolean nullsDone = in.readBoolean();
        List<String> offsetColumns = new ArrayList<>();
        if (offsetColumn != null) {
            offsetColumns.add(offsetColumn);
        }
        if (version >= 3) {
            int further = in.readInt();
            if (further < 0 || (further > 0 && offsetColumn == null)) {
                throw new IOException(
                        "Corrupt JDBC split "
                                + splitId
                                + ": "
                                + further
                                + " further offset columns");
            }
            for (int i = 0; i < further; i++) {
                offsetColumns.add(readString(in));
            }
        }
        return new JdbcSourceSplit(
                splitId,
                shard,
                database,
                table,
                partitionColumn,
                lowerBound,
                upperBound,
                modulus,
                remainder,
                includeNulls,
                incrementalColumn,
                incrementalFrom,
                incrementalTo,
                offsetColumns,
                offset,
                nullsDone);
    }

    private static String nullableString(boolean v1, DataInputView in) throws IOException {
        return v1 ? readNullableUtfV1(in) : readNullableString(in);
    }
}
