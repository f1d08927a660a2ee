package org.flinkx.connector.jdbc.lookup;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.functions.FunctionContext;
import org.apache.flink.table.functions.LookupFunction;
import org.apache.flink.table.types.logical.RowType;
import org.flinkx.connector.common.error.SqlErrors;
import org.flinkx.connector.common.retry.RetryPolicy;
import org.flinkx.connector.jdbc.config.JdbcConnectionConfig;
import org.flinkx.connector.jdbc.config.JdbcReadConfig;
import org.flinkx.connector.jdbc.converter.JdbcRowConverter;
import org.flinkx.connector.jdbc.dialect.JdbcDialect;
import org.flinkx.connector.jdbc.dialect.Statements;
import org.flinkx.connector.jdbc.internal.JdbcConnections;

/**
 * Looks up the rows of a dimension table by key for lookup joins. Flink's lookup cache (the {@code
 * lookup.*} options) sits in front of it; after a transient error (a lost connection) the lookup
 * waits (200 ms, doubling), re-opens the connection and retries, up to {@code lookup.max-retries}
 * times ({@link RetryPolicy}).
 *
 * <p>Rows have the layout the planner asked for: the selected columns in its order (after
 * projection push-down), then the metadata columns ({@code database_name}, {@code table_name}).
 */
@PublicEvolving
public final class JdbcLookupFunction extends LookupFunction {

    private static final long serialVersionUID = 1L;

    /** The first wait before a lookup is retried; doubled per retry. */
    private static final java.time.Duration LOOKUP_BACKOFF = java.time.Duration.ofMillis(200);

    private final JdbcConnectionConfig connectionConfig;
    private final JdbcDialect dialect;
    private final String sql;
    private final JdbcRowConverter rowConverter;
    private final JdbcRowConverter keyConverter;
    private final int keyCount;
    private final List<String> metadataKeys;
    private final String table;
    private final RetryPolicy retries;
    private transient String database;
    private transient Connection connection;
    private transient PreparedStatement statement;

    public JdbcLookupFunction(
            JdbcConnectionConfig connectionConfig,
            JdbcDialect dialect,
            String table,
            RowType rowType,
            List<String> keyNames,
            List<String> metadataKeys,
            int maxRetries) {
        this.connectionConfig = connectionConfig;
        this.dialect = dialect;
        this.table = table;
        this.metadataKeys = List.copyOf(metadataKeys);
        this.retries = new RetryPolicy(maxRetries, LOOKUP_BACKOFF);
        this.keyCount = keyNames.size();
        this.sql =
                "SELECT "
                        + Statements.columnList(dialect, rowType.getFieldNames())
                        + " FROM "
                        + dialect.quoteQualified(table)
                        + " WHERE "
                        + Statements.keyCondition(dialect, keyNames);
        this.rowConverter = new JdbcRowConverter(rowType, dialect);
        List<RowType.RowField> keyFields =
                keyNames.stream()
                        .map(k -> rowType.getFields().get(rowType.getFieldIndex(k)))
                        .toList();
        this.keyConverter = new JdbcRowConverter(new RowType(keyFields), dialect);
    }

    @Override
    public void open(FunctionContext context) throws Exception {
        connect();
    }

    private void connect() throws SQLException {
        connection = JdbcConnections.open(connectionConfig, dialect);
        statement = connection.prepareStatement(sql);
        database = connection.getCatalog();
    }

    @Override
    public Collection<RowData> lookup(RowData keyRow) throws IOException {
        try {
            return retries.run(
                    "Lookup in " + connectionConfig.safeUrl(),
                    SqlErrors.CLASSIFIER,
                    this::reconnect,
                    () -> query(keyRow));
        } catch (IOException e) {
            SqlErrors.throwIfUnrecoverable(e.getMessage(), e.getCause() == null ? e : e.getCause());
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(
                    "Interrupted during a lookup in " + connectionConfig.safeUrl(), e);
        }
    }

    private List<RowData> query(RowData keyRow) throws SQLException {
        statement.clearParameters();
        keyConverter.bind(statement, keyRow, IntStream.range(0, keyCount).toArray(), 0);
        List<RowData> rows = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                rows.add(readRow(rs));
            }
        }
        return rows;
    }

    private void reconnect() throws SQLException {
        close();
        connect();
    }

    private GenericRowData readRow(ResultSet rs) throws SQLException {
        int selected = rowConverter.rowType().getFieldCount();
        GenericRowData row = new GenericRowData(selected + metadataKeys.size());
        rowConverter.read(rs, row);
        for (int i = 0; i < metadataKeys.size(); i++) {
            String value = JdbcReadConfig.metadataValue(metadataKeys.get(i), database, table);
            row.setField(selected + i, value == null ? null : StringData.fromString(value));
        }
        return row;
    }

    @Override
    public void close() {
        JdbcConnections.closeQuietly(statement);
        JdbcConnections.closeQuietly(connection);
        statement = null;
        connection = null;
    }
}
