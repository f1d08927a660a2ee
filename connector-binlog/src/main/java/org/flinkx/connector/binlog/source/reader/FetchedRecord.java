package org.flinkx.connector.binlog.source.reader;

import java.math.BigInteger;
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
     * A snapshot row with its key (null for tables read as one chunk), or the error converting it
     * ({@code row} null) with a description of the row for dirty storage.
     */
    record SnapshotRow(
            @Nullable GenericRowData row,
            @Nullable BigInteger key,
            @Nullable RuntimeException error,
            String describe)
            implements FetchedRecord {}
}
