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
        if (table.model() == TableModel.COUNTING
                && !spec.json()
                && spec.enclose() == null
                && spec.escape() == null) {
            return counted(table, spec, body);
        }
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

    /**
     * A counting table's CSV load, split into rows and their first field only: loads larger than
     * the test's heap go through at the speed of a split, unchecked against the column types.
     */
    private static LoadBatch counted(MemoryTable table, LoadSpec spec, byte[] body) {
        LoadBatch batch = new LoadBatch();
        batch.loadBytes = body.length;
        String text = new String(body, StandardCharsets.UTF_8);
        String first = table.columns().keySet().iterator().next();
        String delimiter = spec.rowDelimiter();
        String separator = spec.columnSeparator();
        int pos = 0;
        while (pos < text.length()) {
            int end = text.indexOf(delimiter, pos);
            if (end < 0) {
                end = text.length();
            }
            int field = text.indexOf(separator, pos);
            String value = text.substring(pos, field < 0 || field > end ? end : field);
            batch.totalRows++;
            batch.changes.add(new RowChange(false, java.util.Map.of(first, value), false));
            pos = end + delimiter.length();
        }
        return batch;
    }

    /** StarRocks' rule: the load fails when filtered / total exceeds {@code max_filter_ratio}. */
    boolean tooManyFiltered(double maxFilterRatio) {
        return totalRows > 0 && (double) filteredRows() / totalRows > maxFilterRatio;
    }
}
