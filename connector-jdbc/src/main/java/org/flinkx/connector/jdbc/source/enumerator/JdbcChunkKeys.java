package org.flinkx.connector.jdbc.source.enumerator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.flink.table.types.logical.LogicalType;
import org.flinkx.connector.common.split.ChunkKeyQueries;
import org.flinkx.connector.common.split.KeyRange;
import org.flinkx.connector.jdbc.config.JdbcReadConfig;
import org.flinkx.connector.jdbc.converter.JdbcRowConverter;
import org.flinkx.connector.jdbc.dialect.JdbcDialect;
import org.flinkx.connector.jdbc.source.reader.SplitQuery;

/**
 * The chunk planner's queries on one table (or {@code scan.query}) and its partition column, with
 * the source's {@code scan.where} and pushed-down filters, so that chunks hold the rows the splits
 * read. Keys are offset values ({@link JdbcRowConverter#readOffset}).
 */
final class JdbcChunkKeys implements ChunkKeyQueries<Object> {

    private final JdbcReadConfig config;
    private final JdbcDialect dialect;
    private final Connection connection;
    @Nullable private final String table;
    private final String quoted;
    private final LogicalType type;

    JdbcChunkKeys(
            JdbcReadConfig config,
            JdbcDialect dialect,
            Connection connection,
            @Nullable String table,
            String column) {
        this.config = config;
        this.dialect = dialect;
        this.connection = connection;
        this.table = table;
        this.quoted = dialect.quoteIdentifier(column);
        this.type = config.typeOf(column);
    }

    @Nullable
    @Override
    public KeyRange<Object> range() throws SQLException {
        String select = "MIN(" + quoted + "), MAX(" + quoted + "), COUNT(" + quoted + ")";
        try (PreparedStatement statement = prepare(select, null, "", null)) {
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                Object min = JdbcRowConverter.readOffset(rs, 1, type, dialect);
                Object max = JdbcRowConverter.readOffset(rs, 2, type, dialect);
                return min == null ? null : new KeyRange<>(min, max, rs.getLong(3));
            }
        }
    }

    @Nullable
    @Override
    public Object keyAfter(@Nullable Object from, long rows) throws SQLException {
        String condition = from == null ? quoted + " IS NOT NULL" : quoted + " >= ?";
        String order = " ORDER BY " + quoted + dialect.singleRowAtOffset(rows);
        return single(prepare(quoted, condition, order, from));
    }

    @Nullable
    @Override
    public Object keyAbove(Object key) throws SQLException {
        return single(prepare("MIN(" + quoted + ")", quoted + " > ?", "", key));
    }

    @Nullable
    private Object single(PreparedStatement statement) throws SQLException {
        try (statement;
                ResultSet rs = statement.executeQuery()) {
            return rs.next() ? JdbcRowConverter.readOffset(rs, 1, type, dialect) : null;
        }
    }

    /** SELECT {@code select} FROM the source WHERE its filters [AND condition] {@code tail}. */
    private PreparedStatement prepare(
            String select, @Nullable String condition, String tail, @Nullable Object value)
            throws SQLException {
        List<String> conditions = new ArrayList<>();
        if (config.where() != null && !config.where().isBlank()) {
            conditions.add("(" + config.where() + ")");
        }
        if (config.filterSql() != null) {
            conditions.add(config.filterSql());
        }
        if (condition != null) {
            conditions.add(condition);
        }
        String sql =
                "SELECT "
                        + select
                        + " FROM "
                        + SplitQuery.from(config, dialect, table)
                        + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions))
                        + tail;
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            int index = 1;
            if (config.filterSql() != null) {
                for (Object param : config.filterParams()) {
                    JdbcRowConverter.bindOffset(statement, index++, param, dialect);
                }
            }
            if (value != null) {
                JdbcRowConverter.bindOffset(statement, index, value, dialect);
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }
}
