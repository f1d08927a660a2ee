package org.flinkx.connector.jdbc.source.reader;

import org.flinkx.connector.jdbc.config.JdbcReadConfig;
import org.flinkx.connector.jdbc.dialect.JdbcDialect;
import org.flinkx.connector.jdbc.source.split.JdbcSourceSplit;

import java.util.ArrayList;
import java.util.List;

/**
 * The SELECT that reads one split: the selected columns (plus the offset column when it is not
 * selected), the table or custom query, every condition as a parameter, ordered by the offset
 * column. With {@code nullsPhase} it reads only the rows whose partition column is NULL.
 *
 * @param sql the statement
 * @param params its parameters in order
 * @param offsetIndex 1-based index of the offset column in the result, or -1
 */
public record SplitQuery(String sql, List<Object> params, int offsetIndex) {

    public static SplitQuery build(
            JdbcReadConfig config, JdbcDialect dialect, JdbcSourceSplit split, boolean nullsPhase) {
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
        if (config.where() != null && !config.where().isBlank()) {
            conditions.add("(" + config.where() + ")");
        }
        if (config.filterSql() != null) {
            conditions.add(config.filterSql());
            params.addAll(config.filterParams());
        }
        if (split.partitionColumn() != null) {
            String column = dialect.quoteIdentifier(split.partitionColumn());
            if (nullsPhase) {
                conditions.add(column + " IS NULL");
            } else if (split.modulus() > 0) {
                conditions.add("ABS(" + dialect.modExpression(column, split.modulus()) + ") = ?");
                params.add(split.remainder());
            } else {
                if (split.lowerBound() != null) {
                    conditions.add(column + " >= ?");
                    params.add(split.lowerBound());
                }
                if (split.upperBound() != null) {
                    conditions.add(column + " < ?");
                    params.add(split.upperBound());
                }
                if (split.lowerBound() == null && split.upperBound() == null) {
                    conditions.add(column + " IS NOT NULL");
                }
            }
        }
        if (split.incrementalColumn() != null) {
            String column = dialect.quoteIdentifier(split.incrementalColumn());
            if (split.incrementalFrom() != null) {
                conditions.add(column + " > ?");
                params.add(split.incrementalFrom());
            }
            if (split.incrementalTo() != null) {
                conditions.add(column + " <= ?");
                params.add(split.incrementalTo());
            }
        }
        if (offsetIndex > 0 && split.offset() != null) {
            conditions.add(dialect.quoteIdentifier(split.offsetColumn()) + " > ?");
            params.add(split.offset());
        }
        if (!conditions.isEmpty()) {
            sql.append(" WHERE ").append(String.join(" AND ", conditions));
        }
        if (offsetIndex > 0) {
            sql.append(" ORDER BY ").append(dialect.quoteIdentifier(split.offsetColumn()));
        }
        return new SplitQuery(sql.toString(), params, offsetIndex);
    }

    /** The FROM clause: the quoted table or the custom query as a derived table. */
    public static String from(JdbcReadConfig config, JdbcDialect dialect, String table) {
        return table == null ? "(" + config.query() + ") flinkx_q" : dialect.quoteQualified(table);
    }
}
