package org.flinkx.connector.es.source.reader;

import java.util.List;
import javax.annotation.Nullable;
import org.apache.flink.table.data.RowData;

/**
 * A hit read from a split: its row, its sort values (the split's position once it is emitted), the
 * point in time its answer named (null when read by scroll) and its {@code _source}'s size. {@code
 * row} is null for a hit that went to dirty storage: its position still moves the split past it.
 */
record EsRecord(
        @Nullable RowData row, List<Object> sortValues, @Nullable String pitId, long size) {}
