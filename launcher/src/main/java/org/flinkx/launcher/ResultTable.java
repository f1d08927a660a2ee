package org.flinkx.launcher;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.CloseableIterator;

/**
 * The final rows of a query: its changelog (a streaming aggregate emits an update for each input
 * row) with each update and delete applied.
 */
final class ResultTable {

    /** More rows than this fail the query: the runner prints small check results, not data sets. */
    static final int MAX_ROWS = 100_000;

    private final List<String> columns;
    private final List<Row> rows = new ArrayList<>();

    private ResultTable(List<String> columns) {
        this.columns = columns;
    }

    static ResultTable collect(TableResult result) throws Exception {
        ResultTable table = new ResultTable(result.getResolvedSchema().getColumnNames());
        try (CloseableIterator<Row> changes = result.collect()) {
            while (changes.hasNext()) {
                table.apply(changes.next());
            }
        }
        return table;
    }

    private void apply(Row change) throws ScriptException {
        RowKind kind = change.getKind();
        change.setKind(RowKind.INSERT);
        if (kind == RowKind.INSERT || kind == RowKind.UPDATE_AFTER) {
            if (rows.size() == MAX_ROWS) {
                throw new ScriptException(
                        "the query returned more than "
                                + Formats.count(MAX_ROWS)
                                + " rows; add a LIMIT");
            }
            rows.add(change);
        } else {
            rows.remove(change);
        }
    }

    /** The single value of a one-row, one-column result, if it is an integer. */
    OptionalLong singleInteger() {
        if (rows.size() != 1 || columns.size() != 1) {
            return OptionalLong.empty();
        }
        Object value = rows.get(0).getField(0);
        boolean integer =
                value instanceof Byte
                        || value instanceof Short
                        || value instanceof Integer
                        || value instanceof Long;
        return integer ? OptionalLong.of(((Number) value).longValue()) : OptionalLong.empty();
    }

    /**
     * Sorts the rows by their columns, first to last: a streaming query's final rows come in the
     * order of their last update, which says nothing; sorted, the same result always prints alike.
     */
    void sort() {
        rows.sort(ResultTable::compare);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Row a, Row b) {
        for (int i = 0; i < a.getArity(); i++) {
            Object x = a.getField(i);
            Object y = b.getField(i);
            int order;
            if (x == null || y == null) {
                order = x == null ? (y == null ? 0 : -1) : 1;
            } else if (x instanceof Comparable && x.getClass() == y.getClass()) {
                order = ((Comparable) x).compareTo(y);
            } else {
                order = x.toString().compareTo(y.toString());
            }
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }

    int size() {
        return rows.size();
    }

    /** Prints the columns and the first {@code limit} rows as a text table. */
    void print(PrintStream out, int limit) {
        List<String[]> cells = new ArrayList<>();
        cells.add(columns.toArray(String[]::new));
        rows.stream().limit(limit).forEach(row -> cells.add(cellsOf(row)));
        int[] widths = new int[columns.size()];
        for (String[] line : cells) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        String border = border(widths);
        out.println(border);
        out.println(line(cells.get(0), widths));
        out.println(border);
        cells.stream().skip(1).forEach(line -> out.println(line(line, widths)));
        out.println(border);
        String count = Formats.count(rows.size(), "row");
        out.println(rows.size() > limit ? count + " (" + limit + " shown)" : count);
    }

    private static String[] cellsOf(Row row) {
        String[] cells = new String[row.getArity()];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = Objects.toString(row.getField(i), "NULL");
        }
        return cells;
    }

    private static String border(int[] widths) {
        StringBuilder border = new StringBuilder("+");
        for (int width : widths) {
            border.append("-".repeat(width + 2)).append('+');
        }
        return border.toString();
    }

    private static String line(String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder("|");
        for (int i = 0; i < widths.length; i++) {
            line.append(' ').append(String.format("%-" + widths[i] + "s", cells[i])).append(" |");
        }
        return line.toString();
    }
}
