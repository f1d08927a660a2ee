package org.flinkx.connector.starrocks.testserver;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns source records into row changes of one table, or says why a record is filtered. The {@code
 * columns} header names the source fields in order (CSV) or selects them (JSON); {@code __op} among
 * them is the change kind of a primary-key table (0 or {@code upsert}, 1 or {@code delete}). Column
 * expressions ({@code columns: a, b, c = a + b}) are not modelled.
 */
final class RowMapper {

    static final String OP = "__op";

    private final MemoryTable table;
    private final LoadSpec spec;
    private final List<String> names;

    /** Throws IllegalArgumentException for a load the server rejects as a whole. */
    RowMapper(MemoryTable table, LoadSpec spec) {
        this.table = table;
        this.spec = spec;
        List<String> names = new ArrayList<>(spec.columns());
        if (names.isEmpty()) {
            names.addAll(table.columns().keySet());
        }
        for (String name : names) {
            if (!name.equals(OP) && !table.columns().containsKey(name)) {
                throw new IllegalArgumentException(
                        "Unknown column '" + name + "' in '" + table.name() + "'");
            }
        }
        if (spec.partialUpdate() && table.model() != TableModel.PRIMARY_KEY) {
            throw new IllegalArgumentException(
                    "partial update is only supported by Primary Key tables");
        }
        this.names = List.copyOf(names);
    }

    /** The columns a JSON path list maps onto, in order. */
    List<String> targetColumns() {
        return names;
    }

    /** The change of one record, or a {@link Rejected} with StarRocks' kind of reason. */
    Object map(SourceRecord record) {
        if (record.parseError() != null) {
            return new Rejected(record.parseError());
        }
        Map<String, String> source = new LinkedHashMap<>();
        if (record.positional() != null) {
            if (record.positional().size() != names.size()) {
                return new Rejected(
                        "Value count does not match column count. Expect "
                                + names.size()
                                + ", but got "
                                + record.positional().size());
            }
            for (int i = 0; i < names.size(); i++) {
                source.put(names.get(i), record.positional().get(i));
            }
        } else {
            boolean selected = !spec.columns().isEmpty();
            record.named()
                    .forEach(
                            (k, v) -> {
                                if (names.contains(k) || (!selected && k.equals(OP))) {
                                    source.put(k, v);
                                }
                            });
        }
        return change(source);
    }

    private Object change(Map<String, String> source) {
        boolean delete = false;
        if (source.containsKey(OP)) {
            if (table.model() != TableModel.PRIMARY_KEY) {
                return new Rejected("__op is only supported by Primary Key tables");
            }
            String op = String.valueOf(source.remove(OP)).trim();
            switch (op) {
                case "0", "upsert" -> delete = false;
                case "1", "delete" -> delete = true;
                default -> {
                    return new Rejected("invalid __op value '" + op + "'");
                }
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, ColumnType> column : table.columns().entrySet()) {
            String name = column.getKey();
            boolean key = table.keyColumns().contains(name);
            if (!source.containsKey(name)) {
                if (key) {
                    return new Rejected("NULL value in non-nullable column '" + name + "'");
                }
                if (!spec.partialUpdate() && !delete) {
                    values.put(name, null);
                }
                continue;
            }
            String value = source.get(name);
            if (value == null && key) {
                return new Rejected("NULL value in non-nullable column '" + name + "'");
            }
            if (value != null && (!delete || key)) {
                String problem = column.getValue().check(value);
                if (problem != null) {
                    return new Rejected("column '" + name + "': " + problem);
                }
            }
            if (!delete || key) {
                values.put(name, value);
            }
        }
        return new RowChange(delete, values, spec.partialUpdate());
    }

    /** Why a record was filtered. */
    record Rejected(String reason) {}
}
