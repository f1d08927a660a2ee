package org.flinkx.connector.jdbc.source.reader;

import org.apache.flink.table.data.RowData;

/**
 * A row read from a split with the value of its offset column. {@code row} is null for a bad row
 * that went to dirty storage: its offset still moves the split past it.
 */
record JdbcRecord(RowData row, Object offset, long size) {}
