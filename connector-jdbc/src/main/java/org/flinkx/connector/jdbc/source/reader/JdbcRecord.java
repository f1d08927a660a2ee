package org.flinkx.connector.jdbc.source.reader;

import org.apache.flink.table.data.RowData;

/**
 * A row read from a split with the value of its offset column. {@code row} is null for a bad row
 * that went to dirty storage: its offset still moves the split past it. A bulk-read row arrives
 * unparsed ({@code deferred}): the emitter completes it on the task thread.
 */
record JdbcRecord(RowData row, Object offset, long size, Deferred deferred) {

    JdbcRecord(RowData row, Object offset, long size) {
        this(row, offset, size, null);
    }

    static JdbcRecord deferred(long size, Deferred deferred) {
        return new JdbcRecord(null, null, size, deferred);
    }

    /** The parsing (and dirty-data handling) of a row, left to the thread that emits it. */
    @FunctionalInterface
    interface Deferred {
        JdbcRecord complete() throws java.io.IOException;
    }
}
