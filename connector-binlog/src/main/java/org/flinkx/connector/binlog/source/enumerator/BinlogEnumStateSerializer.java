package org.flinkx.connector.binlog.source.enumerator;

import static org.flinkx.connector.binlog.source.split.BinlogSplitSerializer.readChunks;
import static org.flinkx.connector.binlog.source.split.BinlogSplitSerializer.readInteger;
import static org.flinkx.connector.binlog.source.split.BinlogSplitSerializer.readKeyColumns;
import static org.flinkx.connector.binlog.source.split.BinlogSplitSerializer.readPosition;
import static org.flinkx.connector.binlog.source.split.BinlogSplitSerializer.writeChunks;
import static org.flinkx.connector.binlog.source.split.BinlogSplitSerializer.writeFurtherKeyColumns;
import static org.flinkx.connector.binlog.source.split.BinlogSplitSerializer.writeInteger;
import static org.flinkx.connector.binlog.source.split.BinlogSplitSerializer.writePosition;
import static org.flinkx.connector.common.serialization.ValueCodec.readNullableString;
import static org.flinkx.connector.common.serialization.ValueCodec.readString;
import static org.flinkx.connector.common.serialization.ValueCodec.writeNullableString;
import static org.flinkx.connector.common.serialization.ValueCodec.writeString;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.annotation.Internal;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.flinkx.connector.binlog.source.split.BinlogPosition;
import org.flinkx.connector.binlog.source.split.BinlogSourceSplit;
import org.flinkx.connector.binlog.source.split.BinlogSplit;
import org.flinkx.connector.binlog.source.split.BinlogSplitSerializer;
import org.flinkx.connector.binlog.source.split.SnapshotChunk;
import org.flinkx.connector.binlog.source.split.SnapshotSplit;
import org.flinkx.connector.common.serialization.VersionedSerializer;

/**
 * Versioned serializer of {@link BinlogEnumState}. Version 1 (first release): the unassigned binlog
 * split. Version 2 adds the chunked snapshot's progress. Version 3 (tables keyed by several
 * columns): each table to plan has version 2's fields (its leading key column where version 2 had
 * the key column), then its further key columns (an int count, the names) and whether it is read in
 * groups of one leading value; finished chunks are in the layout of split version 3 (with their
 * whole-key bounds). Version 4 (tables caught up on restore) ends the snapshot progress with a
 * boolean: whether it reads tables for a binlog split a reader holds ({@link
 * SnapshotProgress#catchUp()}). Version 5 follows it with the tables of the catch-up ({@link
 * SnapshotProgress#catchUpTables()}): a boolean, then an int count and the names when true. Splits
 * inside are written with their own serializer version.
 */
@Internal
public final class BinlogEnumStateSerializer extends VersionedSerializer<BinlogEnumState> {

    public static final int VERSION = 5;

    /** The split version whose chunk layout version 3 writes finished chunks in. */
    private static final int CHUNK_LAYOUT = 3;

    private final BinlogSplitSerializer splits = new BinlogSplitSerializer();

    public BinlogEnumStateSerializer() {
        super("a binlog enumerator state", VERSION);
    }

    @Override
    protected void writeTo(BinlogEnumState state, DataOutputView out) throws IOException {
        out.writeBoolean(state.unassigned() != null);
        if (state.unassigned() != null) {
            writeSplit(state.unassigned(), out);
        }
        SnapshotProgress progress = state.snapshot();
        out.writeBoolean(progress != null);
        if (progress != null) {
            out.writeBoolean(progress.start() != null);
            if (progress.start() != null) {
                writePosition(out, progress.start());
            }
            out.writeInt(progress.toPlan().size());
            for (CapturedTable table : progress.toPlan()) {
                writeString(table.database(), out);
                writeString(table.table(), out);
                writeNullableString(table.keyColumn(), out);
                writeFurtherKeyColumns(table.keyColumns(), table.leadingValueGroups(), out);
            }
            writeInteger(out, progress.nextLo());
            out.writeInt(progress.nextIndex());
            out.writeInt(progress.pending().size());
            for (SnapshotSplit split : progress.pending()) {
                writeSplit(split, out);
            }
            out.writeInt(progress.inFlight().size());
            for (String id : progress.inFlight()) {
                writeString(id, out);
            }
            out.writeInt(progress.finished().size());
            for (Map.Entry<String, List<SnapshotChunk>> entry : progress.finished().entrySet()) {
                writeString(entry.getKey(), out);
                writeChunks(entry.getValue(), out, CHUNK_LAYOUT); // split version 3's
            }
            out.writeBoolean(progress.catchUp());
            out.writeBoolean(progress.catchUpTables() != null);
            if (progress.catchUpTables() != null) {
                out.writeInt(progress.catchUpTables().size());
                for (String table : progress.catchUpTables()) {
                    writeString(table, out);
                }
            }
        }
    }

    @Override
    protected BinlogEnumState readFrom(int version, DataInputView in) throws IOException {
        BinlogSplit unassigned = in.readBoolean() ? (BinlogSplit) readSplit(in) : null;
        if (version == 1 || !in.readBoolean()) {
            return new BinlogEnumState(unassigned);
        }
        BinlogPosition start = in.readBoolean() ? readPosition(in) : null;
        int tableCount = in.readInt();
        List<CapturedTable> toPlan = new ArrayList<>(tableCount);
        for (int i = 0; i < tableCount; i++) {
            String database = readString(in);
            String table = readString(in);
            String keyColumn = readNullableString(in);
            BinlogSplitSerializer.KeyColumns key =
                    readKeyColumns(keyColumn, in, version, "binlog enumerator state");
            toPlan.add(new CapturedTable(database, table, key.columns(), key.leadingValueGroups()));
        }
        var nextLo = readInteger(in);
        int nextIndex = in.readInt();
        int pendingCount = in.readInt();
        List<SnapshotSplit> pending = new ArrayList<>(pendingCount);
        for (int i = 0; i < pendingCount; i++) {
            pending.add((SnapshotSplit) readSplit(in));
        }
        int inFlightCount = in.readInt();
        List<String> inFlight = new ArrayList<>(inFlightCount);
        for (int i = 0; i < inFlightCount; i++) {
            inFlight.add(readString(in));
        }
        int finishedCount = in.readInt();
        Map<String, List<SnapshotChunk>> finished = new LinkedHashMap<>();
        for (int i = 0; i < finishedCount; i++) {
            // version 2 wrote them in the layout of split version 2, version 3 in that of 3
            finished.put(readString(in), readChunks(in, version == 2 ? 2 : CHUNK_LAYOUT));
        }
        boolean catchUp = version >= 4 && in.readBoolean();
        List<String> catchUpTables = null;
        if (version >= 5 && in.readBoolean()) {
            int count = in.readInt();
            catchUpTables = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                catchUpTables.add(readString(in));
            }
        }
        return new BinlogEnumState(
                unassigned,
                new SnapshotProgress(
                        start,
                        toPlan,
                        nextLo,
                        nextIndex,
                        pending,
                        inFlight,
                        finished,
                        catchUp,
                        catchUpTables));
    }

    private void writeSplit(BinlogSourceSplit split, DataOutputView out) throws IOException {
        byte[] bytes = splits.serialize(split);
        out.writeInt(splits.getVersion());
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private BinlogSourceSplit readSplit(DataInputView in) throws IOException {
        int version = in.readInt();
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return splits.deserialize(version, bytes);
    }
}
