package org.flinkx.connector.starrocks.testserver;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An in-memory StarRocks table: its schema, its model and the rows that are visible. */
final class MemoryTable {

    private final String name;
    private volatile Map<String, ColumnType> columns;
    private final List<String> keyColumns;
    private final TableModel model;
    private final List<Map<String, String>> appended = new ArrayList<>();
    private final Map<List<String>, Map<String, String>> byKey = new LinkedHashMap<>();
    private long counted;
    private java.math.BigInteger firstColumnSum = java.math.BigInteger.ZERO;

    MemoryTable(
            String name,
            Map<String, ColumnType> columns,
            List<String> keyColumns,
            TableModel model) {
        for (String key : keyColumns) {
            if (!columns.containsKey(key)) {
                throw new IllegalArgumentException("Key column " + key + " is not a column");
            }
        }
        if (model == TableModel.PRIMARY_KEY && keyColumns.isEmpty()) {
            throw new IllegalArgumentException("A primary-key table needs key columns");
        }
        this.name = name;
        this.columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
        this.keyColumns = List.copyOf(keyColumns);
        this.model = model;
    }

    String name() {
        return name;
    }

    Map<String, ColumnType> columns() {
        return columns;
    }

    /** {@code ALTER TABLE ... ADD COLUMN}: the rows there have no value (NULL) for it. */
    synchronized void addColumn(String column, ColumnType type) {
        if (columns.containsKey(column)) {
            throw new IllegalArgumentException("Duplicate column name '" + column + "'");
        }
        Map<String, ColumnType> more = new LinkedHashMap<>(columns);
        more.put(column, type);
        columns = Collections.unmodifiableMap(more);
    }

    List<String> keyColumns() {
        return keyColumns;
    }

    TableModel model() {
        return model;
    }

    /** Makes the changes of one load or transaction visible, in their order, at once. */
    synchronized void apply(List<RowChange> changes) {
        for (RowChange change : changes) {
            if (model == TableModel.COUNTING) {
                counted++;
                String first = change.values().get(columns.keySet().iterator().next());
                firstColumnSum = firstColumnSum.add(new java.math.BigInteger(first.trim()));
                continue;
            }
            if (model == TableModel.DUPLICATE_KEY) {
                appended.add(full(change.values(), null));
                continue;
            }
            List<String> key = new ArrayList<>();
            for (String k : keyColumns) {
                key.add(change.values().get(k));
            }
            if (change.delete()) {
                byKey.remove(key);
            } else {
                Map<String, String> old = change.partial() ? byKey.get(key) : null;
                byKey.put(key, full(change.values(), old));
            }
        }
    }

    private Map<String, String> full(Map<String, String> values, Map<String, String> old) {
        Map<String, String> row = new LinkedHashMap<>();
        for (String column : columns.keySet()) {
            if (values.containsKey(column)) {
                row.put(column, values.get(column));
            } else {
                row.put(column, old == null ? null : old.get(column));
            }
        }
        return row;
    }

    /** How many rows a counting table took, and the sum of their first column. */
    synchronized Counted counted() {
        return new Counted(counted, firstColumnSum);
    }

    /** The visible rows: in load order (duplicate key) or in first-insert order of their key. */
    synchronized List<Map<String, String>> rows() {
        List<Map<String, String>> rows = new ArrayList<>();
        for (Map<String, String> row :
                model == TableModel.DUPLICATE_KEY ? appended : byKey.values()) {
            rows.add(Collections.unmodifiableMap(new LinkedHashMap<>(row)));
        }
        return rows;
    }
}
