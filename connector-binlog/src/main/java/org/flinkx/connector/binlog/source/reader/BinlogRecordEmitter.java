package org.flinkx.connector.binlog.source.reader;

import java.util.Map;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.types.RowKind;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.flinkx.connector.binlog.config.BinlogConfig;
import org.flinkx.connector.binlog.config.StartupMode;
import org.flinkx.connector.binlog.debezium.RestartOffsets;
import org.flinkx.connector.binlog.source.split.BinlogPosition;
import org.flinkx.connector.binlog.source.split.BinlogSplitState;
import org.flinkx.connector.binlog.source.split.SnapshotSplitState;
import org.flinkx.connector.binlog.source.split.SplitState;
import org.flinkx.connector.common.error.DirtyDataHandler;
import org.flinkx.connector.common.metrics.FlinkxMetrics;
import org.flinkx.connector.common.metrics.RowSizes;
import org.flinkx.connector.common.ratelimit.Throttle;

/**
 * Emits the rows of snapshot chunks (INSERT; the split's state notes the last key) and turns
 * Debezium change events into changelog rows: snapshot reads and inserts into INSERT, updates into
 * UPDATE_BEFORE + UPDATE_AFTER, deletes into DELETE; then moves the split's offset past the event;
 * a change that a snapshot chunk read after it already holds is skipped, except a delete of a row
 * that no longer exists at the source ({@link SourceRowLookup}). Events without row data
 * (heartbeats, transaction markers) only move the offset. A row that cannot be converted goes to
 * dirty storage; a declared column missing from the table fails the job.
 */
final class BinlogRecordEmitter
        implements RecordEmitter<FetchedRecord, RowData, SplitState>, AutoCloseable {

    private final BinlogConfig config;
    private final TableRows rows;
    private final FlinkxMetrics flinkx;
    private final BinlogMetrics metrics;
    private final DirtyDataHandler dirty;
    private final Throttle throttle;
    private final SourceRowLookup lookup;
    private long chunkReadAt;

    BinlogRecordEmitter(
            BinlogConfig config,
            TableRows rows,
            FlinkxMetrics flinkx,
            BinlogMetrics metrics,
            DirtyDataHandler dirty) {
        this.config = config;
        this.rows = rows;
        this.flinkx = flinkx;
        this.metrics = metrics;
        this.dirty = dirty;
        this.throttle = Throttle.of(config.rateLimit());
        this.lookup = new SourceRowLookup(config);
    }

    @Override
    public void emitRecord(FetchedRecord fetched, SourceOutput<RowData> output, SplitState state)
            throws Exception {
        if (fetched instanceof FetchedRecord.Change change) {
            emitChange(change, output, (BinlogSplitState) state);
        } else if (fetched instanceof FetchedRecord.ChunkStart start) {
            ((SnapshotSplitState) state).started(start.position());
            chunkReadAt = start.readAtMillis();
        } else if (fetched instanceof FetchedRecord.SnapshotGroup group) {
            // at once: no checkpoint falls inside one leading value
            for (FetchedRecord.SnapshotRow row : group.rows()) {
                emitSnapshotRow(row, output);
            }
            ((SnapshotSplitState) state).emitted(group.leading());
        } else {
            FetchedRecord.SnapshotRow row = (FetchedRecord.SnapshotRow) fetched;
            emitSnapshotRow(row, output);
            ((SnapshotSplitState) state).emitted(row.key());
        }
    }

    private void emitSnapshotRow(FetchedRecord.SnapshotRow row, SourceOutput<RowData> output)
            throws Exception {
        if (row.row() != null) {
            row.row().setRowKind(RowKind.INSERT);
            collect(output, row.row(), chunkReadAt);
            metrics.snapshotRecords.inc();
        } else {
            dirty.handle(row.describe(), row.describe(), "convert", row.error());
        }
    }

    private void emitChange(
            FetchedRecord.Change change, SourceOutput<RowData> output, BinlogSplitState state)
            throws Exception {
        SourceRecord record = change.record();
        if (record.value() instanceof Struct value
                && value.schema().field("op") != null
                && value.schema().field("source") != null) {
            if (!inSnapshot(record, value, state)) {
                emitChange(value, change, output, false);
            } else if (deletedAtSource(record, value, state)) {
                emitChange(value, change, output, true);
            }
        }
        Map<String, ?> offset = record.sourceOffset();
        if (record.value() instanceof Struct row && row.schema().field("source") != null) {
            Struct source = row.getStruct("source");
            if (source.schema().field("gtid") != null) {
                offset = RestartOffsets.of(offset, source.getString("gtid"));
            }
        }
        state.moveTo(offset);
        Object file = offset.get("file");
        if (file != null) {
            metrics.binlogFile = file.toString();
        }
        Object pos = offset.get("pos");
        if (pos instanceof Number n) {
            metrics.binlogPosition = n.longValue();
        }
        Object gtids = offset.get("gtids");
        if (gtids != null) {
            metrics.gtids = gtids.toString();
        }
    }

    /** Whether a chunk of the snapshot already holds this change (it was read after it). */
    private static boolean inSnapshot(SourceRecord record, Struct value, BinlogSplitState state) {
        if (!state.hasSnapshotChunks()) {
            return false;
        }
        Struct source = value.getStruct("source");
        Object file = source.get("file");
        Object pos = source.get("pos");
        if (file == null || !(pos instanceof Number position)) {
            return false;
        }
        return state.inSnapshot(
                source.getString("db"),
                source.getString("table"),
                ChangeKeys.of(record.key()),
                new BinlogPosition(file.toString(), position.longValue()));
    }

    /**
     * Whether a change a chunk seems to hold is a delete of a row that does not exist now, in a
     * table a catch-up read again (see {@link SourceRowLookup}): no chunk has it, and the target
     * does. Elsewhere the target has no row the chunks do not find, and no such delete is emitted
     * (the changelog stays exact).
     */
    private boolean deletedAtSource(SourceRecord record, Struct value, BinlogSplitState state)
            throws Exception {
        if (!"d".equals(value.getString("op")) || !(record.key() instanceof Struct key)) {
            return false;
        }
        Struct source = value.getStruct("source");
        String database = source.getString("db");
        String table = source.getString("table");
        return state.reread(database, table) && !lookup.exists(database, table, key);
    }

    @Override
    public void close() throws Exception {
        lookup.close();
    }

    /**
     * @param gone a delete in a catch-up window of a row no longer at the source: its event may be
     *     older than a column the job added (see {@link BinlogRowConverter#convertOlder})
     */
    private void emitChange(
            Struct value, FetchedRecord.Change fetched, SourceOutput<RowData> output, boolean gone)
            throws Exception {
        String op = value.getString("op");
        Struct source = value.getStruct("source");
        String database = source.getString("db");
        String table = source.getString("table");
        Long tsMs = source.getInt64("ts_ms");
        long ts = tsMs == null ? System.currentTimeMillis() : tsMs;
        boolean snapshot = "r".equals(op);
        if (!snapshot
                && config.startupMode() == StartupMode.TIMESTAMP
                && ts < config.startupTimestampMillis()) {
            return;
        }
        long now = System.currentTimeMillis();
        if (!snapshot) {
            metrics.fetchLag = Math.max(0, fetched.fetchedAtMillis() - ts);
            metrics.emitLag = Math.max(0, now - ts);
        }
        try {
            switch (op) {
                case "r":
                    emit(output, RowKind.INSERT, value.getStruct("after"), database, table, ts);
                    metrics.snapshotRecords.inc();
                    break;
                case "c":
                    emit(output, RowKind.INSERT, value.getStruct("after"), database, table, ts);
                    metrics.inserts.inc();
                    break;
                case "u":
                    // both halves converted before either is emitted: never half an update
                    GenericRowData before =
                            row(
                                    RowKind.UPDATE_BEFORE,
                                    value.getStruct("before"),
                                    database,
                                    table,
                                    ts);
                    GenericRowData after =
                            row(
                                    RowKind.UPDATE_AFTER,
                                    value.getStruct("after"),
                                    database,
                                    table,
                                    ts);
                    collect(output, before, ts);
                    collect(output, after, ts);
                    metrics.updates.inc();
                    break;
                case "d":
                    GenericRowData deleted =
                            gone
                                    ? rows.convertOlder(
                                            value.getStruct("before"), database, table, ts)
                                    : rows.convert(value.getStruct("before"), database, table, ts);
                    deleted.setRowKind(RowKind.DELETE);
                    collect(output, deleted, ts);
                    metrics.deletes.inc();
                    break;
                default:
                    // 't' (truncate) and 'm' (message) carry no row
                    break;
            }
        } catch (IllegalArgumentException e) {
            dirty.handle(
                    database + "." + table + " at " + fetched.record().sourceOffset(),
                    String.valueOf(value),
                    "convert",
                    e);
        }
    }

    private void emit(
            SourceOutput<RowData> output,
            RowKind kind,
            Struct row,
            String database,
            String table,
            long ts) {
        collect(output, row(kind, row, database, table, ts), ts);
    }

    private GenericRowData row(RowKind kind, Struct row, String database, String table, long ts) {
        GenericRowData data = rows.convert(row, database, table, ts);
        data.setRowKind(kind);
        return data;
    }

    private void collect(SourceOutput<RowData> output, GenericRowData data, long ts) {
        long bytes = RowSizes.estimate(data);
        if (throttle != null) {
            try {
                // the engine's queue fills up meanwhile, which slows the binlog reading down
                throttle.acquire(1, bytes);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        output.collect(data, ts);
        flinkx.records(1, bytes);
        dirty.recordsProcessed(1);
    }
}
