package org.flinkx.connector.jdbc.source.reader;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.annotation.Internal;
import org.flinkx.connector.jdbc.config.JdbcReadConfig;
import org.flinkx.connector.jdbc.dialect.JdbcDialect;
import org.flinkx.connector.jdbc.source.split.JdbcSourceSplit;

/**
 * The SELECT that reads one split: the selected columns (plus the offset columns that are not
 * selected), the table or custom query, every condition as a parameter, ordered by the offset
 * columns. With {@code nullsPhase} it reads only the rows whose partition column is NULL.
 *
 * <p>A split resumed after an offset reads the rows after it: {@code col > ?} for one offset
 * column; for a key of several columns {@code (a, b, c)} after {@code (x, y, z)}
 *
 * <pre>{@code
 * a >= x AND (a > x OR (a = x AND b > y) OR (a = x AND b = y AND c > z))
 * }</pre>
 *
 * <p>with {@code ORDER BY a, b, c}. The expanded form, not a row-value comparison {@code (a, b, c)
 * > (x, y, z)}: SQL Server and other databases of the generic dialect have no row values, and MySQL
 * and MariaDB do not always use an index for them; the redundant {@code a >= x} gives every planner
 * a range on the leading column, the split's partition column.
 *
 * @param sql the statement
 * @param params its parameters in order
 * @param columns the selected columns in the order of the result (the projection, then the offset
 *     columns it lacks)
 * @param offsetIndexes 1-based index of each offset column in the result, empty when the result is
 *     not ordered
 */
@Internal
public record SplitQuery(
        String sql, List<Object> params, List<String> columns, List<Integer> offsetIndexes) {

    /** 1-based index of the (leading) offset column in the result, or -1. */
    public int offsetIndex() {
        return offsetIndexes.isEmpty() ? -1 : offsetIndexes.get(0);
    }

    public static SplitQuery build(
            JdbcReadConfig config, JdbcDialect dialect, JdbcSourceSplit split, boolean nullsPhase) {
        return build(config, dialect, split, nullsPhase, null);
    }

    /**
     * The same SELECT with every value written into the text as a literal ({@code literal} renders
     * one, or throws {@link IllegalArgumentException} for a value it cannot): for statements that
     * take no parameters, such as PostgreSQL's {@code COPY (query) TO STDOUT}. Returns no params.
     */
    public static SplitQuery buildInlined(
            JdbcReadConfig config,
            JdbcDialect dialect,
            JdbcSourceSplit split,
            boolean nullsPhase,
            java.util.function.Function<Object, String> literal) {
        return build(config, dialect, split, nullsPhase, literal);
    }

    private static SplitQuery build(
            JdbcReadConfig config,
            JdbcDialect dialect,
            JdbcSourceSplit split,
            boolean nullsPhase,
            java.util.function.Function<Object, String> literal) {
        List<String> columns = new ArrayList<>(config.selectedFields());
        List<Integer> offsetIndexes = new ArrayList<>();
        if (!nullsPhase) {
            for (String offsetColumn : split.offsetColumns()) {
                int existing = columns.indexOf(offsetColumn);
                if (existing < 0) {
                    columns.add(offsetColumn);
                    offsetIndexes.add(columns.size());
                } else {
                    offsetIndexes.add(existing + 1);
                }
            }
        }
        StringBuilder sql = new StringBuilder("SELECT ");
        if (columns.isEmpty()) {
            sql.append("1");
        } else {
            for (int i = 0; i < columns.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append(dialect.quoteIdentifier(columns.get(i)));
            }
        }
        sql.append(" FROM ").append(from(config, dialect, split.table()));

        List<String> conditions = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        java.util.function.Function<Object, String> param =
                literal != null
                        ? literal
                        : value -> {
                            params.add(value);
                            return "?";
                        };
        if (config.where() != null && !config.where().isBlank()) {
            conditions.add("(" + config.where() + ")");
        }
        if (config.filterSql() != null) {
            conditions.add(
                    literal == null
                            ? config.filterSql()
                            : inline(config.filterSql(), config.filterParams(), literal));
            if (literal == null) {
                params.addAll(config.filterParams());
            }
        }
        if (split.partitionColumn() != null) {
            String column = dialect.quoteIdentifier(split.partitionColumn());
            if (nullsPhase) {
                conditions.add(column + " IS NULL");
            } else if (split.modulus() > 0) {
                conditions.add(
                        "ABS("
                                + dialect.modExpression(column, split.modulus())
                                + ") = "
                                + param.apply(split.remainder()));
            } else {
                if (split.lowerBound() != null) {
                    conditions.add(column + " >= " + param.apply(split.lowerBound()));
                }
                if (split.upperBound() != null) {
                    conditions.add(column + " < " + param.apply(split.upperBound()));
                }
                if (split.lowerBound() == null && split.upperBound() == null) {
                    conditions.add(column + " IS NOT NULL");
                }
            }
        }
        if (split.incrementalColumn() != null) {
            String column = dialect.quoteIdentifier(split.incrementalColumn());
            if (split.incrementalFrom() != null) {
                conditions.add(column + " > " + param.apply(split.incrementalFrom()));
            }
            if (split.incrementalTo() != null) {
                conditions.add(column + " <= " + param.apply(split.incrementalTo()));
            }
        }
        List<String> ordered = new ArrayList<>();
        if (!offsetIndexes.isEmpty()) {
            for (String offsetColumn : split.offsetColumns()) {
                ordered.add(dialect.quoteIdentifier(offsetColumn));
            }
            if (split.offset() != null) {
                conditions.add(after(ordered, offsetValues(split), param));
            }
        }
        if (!conditions.isEmpty()) {
            sql.append(" WHERE ").append(String.join(" AND ", conditions));
        }
        if (!ordered.isEmpty()) {
            sql.append(" ORDER BY ").append(String.join(", ", ordered));
        }
        return new SplitQuery(
                sql.toString(), params, List.copyOf(columns), List.copyOf(offsetIndexes));
    }

    private static List<?> offsetValues(JdbcSourceSplit split) {
        return split.offsetColumns().size() == 1
                ? java.util.Collections.singletonList(split.offset())
                : (List<?>) split.offset();
    }

    /**
     * The rows whose offset columns (quoted, in order) come after {@code values}: {@code c > ?} for
     * one column, else the expanded comparison with a range on the leading column (see the class
     * comment).
     */
    private static String after(
            List<String> columns,
            List<?> values,
            java.util.function.Function<Object, String> param) {
        if (columns.size() == 1) {
            return columns.get(0) + " > " + param.apply(values.get(0));
        }
        StringBuilder sql = new StringBuilder();
        sql.append(columns.get(0)).append(" >= ").append(param.apply(values.get(0)));
        sql.append(" AND (");
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                sql.append(" OR (");
                for (int j = 0; j < i; j++) {
                    sql.append(columns.get(j)).append(" = ").append(param.apply(values.get(j)));
                    sql.append(" AND ");
                }
            }
            sql.append(columns.get(i)).append(" > ").append(param.apply(values.get(i)));
            if (i > 0) {
                sql.append(")");
            }
        }
        return sql.append(")").toString();
    }

    /**
     * Replaces the {@code ?} placeholders of generated SQL (pushed-down filters) with literals,
     * skipping quoted identifiers and string literals.
     */
    static String inline(
            String sql, List<?> values, java.util.function.Function<Object, String> literal) {
        StringBuilder out = new StringBuilder(sql.length() + 16 * values.size());
        int next = 0;
        char quote = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
                out.append(c);
            } else if (c == '"' || c == '\'' || c == '`') {
                quote = c;
                out.append(c);
            } else if (c == '?') {
                out.append(literal.apply(values.get(next++)));
            } else {
                out.append(c);
            }
        }
        if (next != values.size()) {
            throw new IllegalArgumentException("Placeholders and values differ in " + sql);
        }
        return out.toString();
    }

    /** The FROM clause: the quoted table or the custom query as a derived table. */
    public static String from(JdbcReadConfig config, JdbcDialect dialect, String table) {
        return table == null ? "(" + config.query() + ") flinkx_q" : dialect.quoteQualified(table);
    }
}
