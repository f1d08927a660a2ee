package org.flinkx.connector.jdbc.dialect;

import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/** The statements every dialect builds the same way, with quoted identifiers. */
public final class Statements {

    public static String insert(JdbcDialect dialect, String table, List<String> columns) {
        return "INSERT INTO "
                + dialect.quoteQualified(table)
                + " ("
                + columnList(dialect, columns)
                + ") VALUES ("
                + String.join(", ", Collections.nCopies(columns.size(), "?"))
                + ")";
    }

    public static String update(
            JdbcDialect dialect, String table, List<String> columns, List<String> keys) {
        String set =
                columns.stream()
                        .filter(c -> !keys.contains(c))
                        .map(c -> dialect.quoteIdentifier(c) + " = ?")
                        .collect(Collectors.joining(", "));
        return "UPDATE " + dialect.quoteQualified(table) + " SET " + set + " WHERE " + keyCondition(dialect, keys);
    }

    public static String delete(JdbcDialect dialect, String table, List<String> keys) {
        return "DELETE FROM " + dialect.quoteQualified(table) + " WHERE " + keyCondition(dialect, keys);
    }

    /**
     * The single-row INSERT (or INSERT ... ON DUPLICATE KEY UPDATE, REPLACE) {@code sql} with its
     * {@code VALUES (?, ...)} tuple repeated for {@code rows} rows.
     */
    public static String multiRow(String sql, int columns, int rows) {
        String tuple = "(" + String.join(", ", Collections.nCopies(columns, "?")) + ")";
        int at = sql.indexOf("VALUES " + tuple);
        if (at < 0) {
            throw new IllegalArgumentException("No VALUES " + tuple + " in " + sql);
        }
        int start = at + "VALUES ".length();
        StringBuilder out = new StringBuilder(sql.length() + rows * (tuple.length() + 2));
        out.append(sql, 0, start);
        for (int r = 0; r < rows; r++) {
            out.append(r == 0 ? "" : ", ").append(tuple);
        }
        return out.append(sql, start + tuple.length(), sql.length()).toString();
    }

    public static String columnList(JdbcDialect dialect, List<String> columns) {
        return columns.stream().map(dialect::quoteIdentifier).collect(Collectors.joining(", "));
    }

    public static String keyCondition(JdbcDialect dialect, List<String> keys) {
        return keys.stream()
                .map(k -> dialect.quoteIdentifier(k) + " = ?")
                .collect(Collectors.joining(" AND "));
    }

    private Statements() {}
}
