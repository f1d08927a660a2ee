package org.flinkx.connector.binlog.source.split;

import static org.flinkx.connector.common.serialization.ValueCodec.readBytes;
import static org.flinkx.connector.common.serialization.ValueCodec.readNullableString;
import static org.flinkx.connector.common.serialization.ValueCodec.readString;
import static org.flinkx.connector.common.serialization.ValueCodec.writeBytes;
import static org.flinkx.connector.common.serialization.ValueCodec.writeNullableString;
import static org.flinkx.connector.common.serialization.ValueCodec.writeString;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.flinkx.connector.common.serialization.ValueCodec;
import org.flinkx.connector.common.serialization.VersionedSerializer;

/**
 * Versioned serializer of the source's splits. Strings are written with the shared state codec
 * ({@code ValueCodec.writeString}: int byte length + UTF-8; history documents can exceed {@code
 * writeUTF}'s 64 KB), as they were before it was shared: the bytes of both versions are unchanged.
 *
 * <ul>
 *   <li>Version 1 (first release): the binlog split only (offset, schema history).
 *   <li>Version 2: a kind byte, then a binlog split (version 1's fields + its snapshot chunks), a
 *       snapshot split or a finished snapshot split.
 *   <li>Version 3 (snapshot chunks of tables keyed by several columns): every snapshot chunk has
 *       version 2's fields, then its whole-key bounds {@code after} and {@code through}, each a
 *       value of the state codec (tag 0 when absent, else a tuple, tag 11); a snapshot split has
 *       version 2's fields (its leading key column where version 2 had the key column), then the
 *       further key columns (an int count, the names) and whether it is read in groups of one
 *       leading value.
 *   <li>Version 4 (tables caught up on restore): a binlog split has version 3's fields, then its
 *       tables ({@link BinlogSplit#tables()}): a boolean (recorded or not), an int count, each
 *       table's name, its int column count and the column names; then the tables read again ({@link
 *       BinlogSplit#reread()}: an int count, the names). Snapshot splits are unchanged.
 * </ul>
 */
@Internal
public final class BinlogSplitSerializer extends VersionedSerializer<BinlogSourceSplit> {

    public static final int VERSION = 4;

    private static final byte BINLOG = 0;
    private static final byte SNAPSHOT = 1;
    private static final byte FINISHED_SNAPSHOT = 2;

    public BinlogSplitSerializer() {
        super("a binlog source split", VERSION);
    }

    @Override
    protected void writeTo(BinlogSourceSplit split, DataOutputView out) throws IOException {
        if (split instanceof BinlogSplit binlog) {
            out.writeByte(BINLOG);
            writeBinlogV1(binlog, out);
            writeChunks(binlog.snapshotChunks(), out, VERSION);
            writeTables(binlog.tables(), out);
            out.writeInt(binlog.reread().size());
            for (String table : binlog.reread()) {
                writeString(table, out);
            }
        } else if (split instanceof SnapshotSplit snapshot) {
            out.writeByte(SNAPSHOT);
            writeString(snapshot.database(), out);
            writeString(snapshot.table(), out);
            writeNullableString(snapshot.keyColumn(), out);
            writeInteger(out, snapshot.lo());
            writeInteger(out, snapshot.hi());
            out.writeInt(snapshot.index());
            writeChunks(snapshot.emitted(), out, VERSION);
            writeFurtherKeyColumns(snapshot.keyColumns(), snapshot.leadingValueGroups(), out);
        } else {
            FinishedSnapshotSplit finished = (FinishedSnapshotSplit) split;
            out.writeByte(FINISHED_SNAPSHOT);
            writeString(finished.splitId(), out);
            writeChunks(finished.chunks(), out, VERSION);
        }
    }

    @Override
    protected BinlogSourceSplit readFrom(int version, DataInputView in) throws IOException {
        if (version == 1) {
            return readBinlogV1(in, List.of());
        }
        byte kind = in.readByte();
        switch (kind) {
            case BINLOG:
                {
                    BinlogSplit v1 = readBinlogV1(in, List.of());
                    List<SnapshotChunk> chunks = readChunks(in, version);
                    if (version < 4) {
                        return new BinlogSplit(v1.offset(), v1.schemaHistory(), chunks);
                    }
                    Map<String, List<String>> tables = readTables(in);
                    int rereadCount = in.readInt();
                    List<String> reread = new ArrayList<>(rereadCount);
                    for (int i = 0; i < rereadCount; i++) {
                        reread.add(readString(in));
                    }
                    return new BinlogSplit(v1.offset(), v1.schemaHistory(), chunks, tables, reread);
                }
            case SNAPSHOT:
                return readSnapshot(version, in);
            case FINISHED_SNAPSHOT:
                return new FinishedSnapshotSplit(readString(in), readChunks(in, version));
            default:
                throw new IOException("Unknown kind of binlog source split: " + kind);
        }
    }

    private static SnapshotSplit readSnapshot(int version, DataInputView in) throws IOException {
        String database = readString(in);
        String table = readString(in);
        String keyColumn = readNullableString(in);
        BigInteger lo = readInteger(in);
        BigInteger hi = readInteger(in);
        int index = in.readInt();
        List<SnapshotChunk> emitted = readChunks(in, version);
        KeyColumns key = readKeyColumns(keyColumn, in, version, "snapshot split state");
        return new SnapshotSplit(
                database, table, key.columns(), lo, hi, index, emitted, key.leadingValueGroups());
    }

    /**
     * A chunked table's key columns, as version 3 records them, and how its rows are handed over.
     */
    public record KeyColumns(List<String> columns, boolean leadingValueGroups) {}

    /**
     * Writes the key columns after the leading one (an int count, the names) and whether the rows
     * come in groups of one leading value (version 3).
     */
    public static void writeFurtherKeyColumns(
            List<String> keyColumns, boolean leadingValueGroups, DataOutputView out)
            throws IOException {
        out.writeInt(Math.max(0, keyColumns.size() - 1));
        for (int i = 1; i < keyColumns.size(); i++) {
            writeString(keyColumns.get(i), out);
        }
        out.writeBoolean(leadingValueGroups);
    }

    /**
     * The whole key of a table whose leading key column is {@code leading} (null: none): before
     * version 3 that column alone, from version 3 on with what {@link #writeFurtherKeyColumns}
     * wrote.
     */
    public static KeyColumns readKeyColumns(
            @Nullable String leading, DataInputView in, int version, String what)
            throws IOException {
        List<String> columns = new ArrayList<>();
        if (leading != null) {
            columns.add(leading);
        }
        if (version < 3) {
            return new KeyColumns(columns, false);
        }
        int further = in.readInt();
        if (further < 0 || (further > 0 && leading == null)) {
            throw new IOException("Corrupt " + what + ": " + further + " further key columns");
        }
        for (int i = 0; i < further; i++) {
            columns.add(readString(in));
        }
        return new KeyColumns(columns, in.readBoolean());
    }

    private static void writeTables(@Nullable Map<String, List<String>> tables, DataOutputView out)
            throws IOException {
        out.writeBoolean(tables != null);
        if (tables == null) {
            return;
        }
        out.writeInt(tables.size());
        for (Map.Entry<String, List<String>> table : tables.entrySet()) {
            writeString(table.getKey(), out);
            out.writeInt(table.getValue().size());
            for (String column : table.getValue()) {
                writeString(column, out);
            }
        }
    }

    @Nullable
    private static Map<String, List<String>> readTables(DataInputView in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        int count = in.readInt();
        Map<String, List<String>> tables = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String table = readString(in);
            int columnCount = in.readInt();
            List<String> columns = new ArrayList<>(columnCount);
            for (int c = 0; c < columnCount; c++) {
                columns.add(readString(in));
            }
            tables.put(table, columns);
        }
        return tables;
    }

    private static void writeBinlogV1(BinlogSplit split, DataOutputView out) throws IOException {
        writeNullableString(split.offset(), out);
        out.writeInt(split.schemaHistory().size());
        for (String document : split.schemaHistory()) {
            writeString(document, out);
        }
    }

    private static BinlogSplit readBinlogV1(DataInputView in, List<SnapshotChunk> chunks)
            throws IOException {
        String offset = readNullableString(in);
        int count = in.readInt();
        List<String> history = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            history.add(readString(in));
        }
        return new BinlogSplit(offset, history, chunks);
    }

    /** Writes snapshot chunks in the layout of split version {@code version} (2 or 3). */
    public static void writeChunks(List<SnapshotChunk> chunks, DataOutputView out, int version)
            throws IOException {
        out.writeInt(chunks.size());
        for (SnapshotChunk chunk : chunks) {
            writeString(chunk.database(), out);
            writeString(chunk.table(), out);
            writeInteger(out, chunk.lo());
            writeInteger(out, chunk.hi());
            writePosition(out, chunk.position());
            if (version >= 3) {
                ValueCodec.write(chunk.after(), out);
                ValueCodec.write(chunk.through(), out);
            } else if (chunk.after() != null || chunk.through() != null) {
                throw new IOException(
                        "Split version " + version + " has no whole-key bounds: " + chunk);
            }
        }
    }

    /** Reads snapshot chunks written in the layout of split version {@code version}. */
    public static List<SnapshotChunk> readChunks(DataInputView in, int version) throws IOException {
        int count = in.readInt();
        List<SnapshotChunk> chunks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String database = readString(in);
            String table = readString(in);
            BigInteger lo = readInteger(in);
            BigInteger hi = readInteger(in);
            BinlogPosition position = readPosition(in);
            List<Object> after = null;
            List<Object> through = null;
            if (version >= 3) {
                after = readKey(in);
                through = readKey(in);
            }
            chunks.add(new SnapshotChunk(database, table, lo, hi, after, through, position));
        }
        return chunks;
    }

    @Nullable
    @SuppressWarnings("unchecked")
    private static List<Object> readKey(DataInputView in) throws IOException {
        Object value = ValueCodec.read(in);
        if (value != null && !(value instanceof List<?>)) {
            throw new IOException("Corrupt snapshot chunk state: a key bound " + value);
        }
        return (List<Object>) value;
    }

    public static void writePosition(DataOutputView out, BinlogPosition position)
            throws IOException {
        writeString(position.file(), out);
        out.writeLong(position.pos());
    }

    public static BinlogPosition readPosition(DataInputView in) throws IOException {
        return new BinlogPosition(readString(in), in.readLong());
    }

    public static void writeInteger(DataOutputView out, @Nullable BigInteger value)
            throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            writeBytes(value.toByteArray(), out);
        }
    }

    @Nullable
    public static BigInteger readInteger(DataInputView in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        return new BigInteger(readBytes(in));
    }
}
