package org.flinkx.connector.starrocks.testserver;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One request body parsed against a table: the accepted changes in order, and the filtered records
 * with their reasons (the lines an {@code ErrorURL} serves).
 */
final class LoadBatch {

    final List<RowChange> changes = new ArrayList<>();
    final List<String> errorLines = new ArrayList<>();
    long totalRows;
    long loadBytes;

    /** Throws IllegalArgumentException for a body or headers the server rejects as a whole. */
    static LoadBatch parse(MemoryTable table, LoadSpec spec, byte[] body) {
        RowMapper mapper = new RowMapper(table, spec);
        String text = new String(body, StandardCharsets.UTF_8);
        List<SourceRecord> records =
                spec.json()
                        ? JsonRecords.parse(text, spec, mapper.targetColumns())
                        : CsvRecords.parse(text, spec);
        LoadBatch batch = new LoadBatch();
        batch.loadBytes = body.length;
        for (SourceRecord record : records) {
            batch.totalRows++;
            Object result = mapper.map(record);
            if (result instanceof RowChange change) {
                batch.changes.add(change);
            } else {
                batch.errorLines.add(
                        "Error: "
                                + ((RowMapper.Rejected) result).reason()
                                + ". Row: "
                                + record.raw());
            }
        }
        return batch;
    }

    long filteredRows() {
        return errorLines.size();
    }

    /** StarRocks' rule: the load fails when filtered / total exceeds {@code max_filter_ratio}. */
    boolean tooManyFiltered(double maxFilterRatio) {
        return totalRows > 0 && (double) filteredRows() / totalRows > maxFilterRatio;
    }
}
