package org.flinkx.connector.jdbc.dialect;

import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.annotation.Internal;

/** The statements every dialect builds the same way, with quoted identifiers. */
@Internal
public final class Statements {

    public static String insert(JdbcDialect dialect, String table, List<String> columns) {
        return insert(dialect, table, columns, 1);
    }

    /** {@code INSERT INTO table (columns) VALUES (?, ...), ...} with {@code rows} tuples. */
    public static String insert(JdbcDialect dialect, String table, List<String> columns, int rows) {
        return "INSERT INTO "
                + dialect.quoteQualified(table)
                + " ("
                + columnList(dialect, columns)
                + ") VALUES "
                + values(columns.size(), rows);
    }

    /** {@code rows} parameter tuples of {@code columns} placeholders: {@code (?, ?), (?, ?)}. */
    public static String values(int columns, int rows) {
        String tuple = "(" + String.join(", ", Collections.nCopies(columns, "?")) + ")";
        return String.join(", ", Collections.nCopies(rows, tuple));
    }

    public static String update(
            JdbcDialect dialect, String table, List<String> columns, List<String> keys) {
        String set =
                columns.stream()
                        .filter(c -> !keys.contains(c))
                        .map(c -> dialect.quoteIdentifier(c) + " = ?")
                        .collect(Collectors.joining(", "));
        return "UPDATE "
                + dialect.quoteQualified(table)
                + " SET "
                + set
                + " WHERE "
                + keyCondition(dialect, keys);
    }

    public static String delete(JdbcDialect dialect, String table, List<String> keys) {
        return "DELETE FROM "
                + dialect.quoteQualified(table)
                + " WHERE "
                + keyCondition(dialect, keys);
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
