package org.flinkx.connector.binlog.source.reader;

import java.math.BigInteger;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.flink.table.data.GenericRowData;
import org.apache.kafka.connect.source.SourceRecord;
import org.flinkx.connector.binlog.source.split.BinlogPosition;

/** What the fetcher hands to the task thread. */
sealed interface FetchedRecord {

    /**
     * A change event of the binlog stream and when the engine handed it over (for the fetch lag).
     */
    record Change(SourceRecord record, long fetchedAtMillis) implements FetchedRecord {}

    /** A snapshot chunk's transaction began: its rows are as of this binlog position. */
    record ChunkStart(BinlogPosition position, long readAtMillis) implements FetchedRecord {}

    /**
     * A snapshot row with its key (see {@code SnapshotKeys}: an integer, a whole key of several
     * columns, or null for tables read as one chunk), or the error converting it ({@code row} null)
     * with a description of the row for dirty storage.
     */
    record SnapshotRow(
            @Nullable GenericRowData row,
            @Nullable Object key,
            @Nullable RuntimeException error,
            String describe)
            implements FetchedRecord {}

    /**
     * Every row of a table's chunk with one leading key value, emitted at once (no checkpoint
     * between them), for a key whose further columns Java cannot order: the checkpointed progress
     * then always ends at a leading value.
     */
    record SnapshotGroup(BigInteger leading, List<SnapshotRow> rows) implements FetchedRecord {}
}
