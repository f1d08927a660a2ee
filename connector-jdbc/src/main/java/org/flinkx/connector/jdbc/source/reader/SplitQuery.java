package org.flinkx.connector.jdbc.source.reader;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.annotation.Internal;
import org.flinkx.connector.jdbc.config.JdbcReadConfig;
import org.flinkx.connector.jdbc.dialect.JdbcDialect;
import org.flinkx.connector.jdbc.source.split.JdbcSourceSplit;

/**
 * The SELECT that reads one split: the selected columns (plus the offset column when it is not
 * selected), the table or custom query, every condition as a parameter, ordered by the offset
 * column. With {@code nullsPhase} it reads only the rows whose partition column is NULL.
 *
 * @param sql the statement
 * @param params its parameters in order
 * @param offsetIndex 1-based index of the offset column in the result, or -1
 */
@Internal
public record SplitQuery(String sql, List<Object> params, int offsetIndex) {

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
        int offsetIndex = -1;
        if (split.offsetColumn() != null && !nullsPhase) {
            int existing = columns.indexOf(split.offsetColumn());
            if (existing < 0) {
                columns.add(split.offsetColumn());
                offsetIndex = columns.size();
            } else {
                offsetIndex = existing + 1;
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
        if (offsetIndex > 0 && split.offset() != null) {
            conditions.add(
                    dialect.quoteIdentifier(split.offsetColumn())
                            + " > "
                            + param.apply(split.offset()));
        }
        if (!conditions.isEmpty()) {
            sql.append(" WHERE ").append(String.join(" AND ", conditions));
        }
        if (offsetIndex > 0) {
            sql.append(" ORDER BY ").append(dialect.quoteIdentifier(split.offsetColumn()));
        }
        return new SplitQuery(sql.toString(), params, offsetIndex);
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
