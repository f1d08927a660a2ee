package org.flinkx.connector.jdbc.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import javax.sql.XADataSource;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.types.logical.LogicalType;

/** PostgreSQL through pgjdbc. */
@PublicEvolving
public class PostgresDialect implements JdbcDialect {

    private static final long serialVersionUID = 1L;

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public boolean acceptsUrl(String url) {
        return url.startsWith("jdbc:postgresql:");
    }

    @Override
    public String defaultDriverClass() {
        return "org.postgresql.Driver";
    }

    @Override
    public Map<String, String> defaultDriverProperties() {
        return Map.of(
                // Strings bind to json, jsonb, uuid, enum and xml columns.
                "stringtype", "unspecified",
                // Batches of INSERTs become multi-row INSERTs.
                "reWriteBatchedInserts", "true");
    }

    @Override
    public String quoteIdentifier(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    @Override
    public Optional<String> upsertStatement(
            String table, List<String> columns, List<String> keys, int rows) {
        String conflict =
                keys.stream().map(this::quoteIdentifier).collect(Collectors.joining(", "));
        String updates =
                columns.stream()
                        .filter(c -> !keys.contains(c))
                        .map(c -> quoteIdentifier(c) + "=EXCLUDED." + quoteIdentifier(c))
                        .collect(Collectors.joining(", "));
        String action = updates.isEmpty() ? "DO NOTHING" : "DO UPDATE SET " + updates;
        return Optional.of(
                Statements.insert(this, table, columns, rows)
                        + " ON CONFLICT ("
                        + conflict
                        + ") "
                        + action);
    }

    @Override
    public void configureStreamingRead(Connection connection, Statement statement, int fetchSize)
            throws SQLException {
        // pgjdbc uses a cursor only outside auto-commit; otherwise it buffers the whole result.
        connection.setAutoCommit(false);
        statement.setFetchSize(fetchSize);
    }

    @Override
    public XADataSource createXaDataSource(String url, Properties properties) throws SQLException {
        org.postgresql.xa.PGXADataSource ds = new org.postgresql.xa.PGXADataSource();
        ds.setUrl(url);
        for (String name : properties.stringPropertyNames()) {
            ds.setProperty(name, properties.getProperty(name));
        }
        return ds;
    }

    /** Sent untyped as '1'/'0', which both boolean and bit(1) columns accept. */
    @Override
    public void setBoolean(java.sql.PreparedStatement statement, int index, boolean value)
            throws SQLException {
        statement.setObject(index, value ? "1" : "0", java.sql.Types.OTHER);
    }

    /** Untyped: the server takes the column's type, which a typed NULL would have to match. */
    @Override
    public int nullType(int sqlType) {
        return java.sql.Types.OTHER;
    }

    @Override
    public boolean supportsArrays() {
        return true;
    }

    @Override
    public String arrayElementTypeName(LogicalType elementType) {
        return switch (elementType.getTypeRoot()) {
            case BOOLEAN -> "bool";
            case SMALLINT, TINYINT -> "int2";
            case INTEGER -> "int4";
            case BIGINT -> "int8";
            case FLOAT -> "float4";
            case DOUBLE -> "float8";
            case DECIMAL -> "numeric";
            case CHAR, VARCHAR -> "text";
            case DATE -> "date";
            case TIME_WITHOUT_TIME_ZONE -> "time";
            case TIMESTAMP_WITHOUT_TIME_ZONE -> "timestamp";
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> "timestamptz";
            case VARBINARY, BINARY -> "bytea";
            default ->
                    throw new UnsupportedOperationException(
                            "PostgreSQL arrays of " + elementType + " are not supported.");
        };
    }

    @Override
    public String xaPrerequisites() {
        return "the server setting max_prepared_transactions must be greater than 0 (at least the "
                + "sink parallelism; it needs a server restart)";
    }

    /**
     * pgjdbc hands over text, varchar and char values as received, in the connection's UTF8 client
     * encoding (pgjdbc always sets it); it never asks for them in binary format.
     */
    @Override
    public boolean readsUtf8Bytes(java.sql.ResultSetMetaData metadata, int column)
            throws java.sql.SQLException {
        String type = metadata.getColumnTypeName(column);
        return "text".equals(type) || "varchar".equals(type) || "bpchar".equals(type);
    }

    @Override
    public Optional<org.flinkx.connector.jdbc.bulk.BulkInserter> bulkInserter(
            String table,
            List<String> columns,
            org.apache.flink.table.types.logical.RowType rowType) {
        if (!org.flinkx.connector.jdbc.bulk.TextRowEncoder.supports(
                rowType, org.flinkx.connector.jdbc.bulk.TextRowEncoder.Flavor.POSTGRES_COPY)) {
            return Optional.empty();
        }
        return Optional.of(
                new org.flinkx.connector.jdbc.bulk.PostgresCopyInserter(
                        quoteQualified(table),
                        columns.stream().map(this::quoteIdentifier).toList(),
                        rowType));
    }

    @Override
    public Optional<org.flinkx.connector.jdbc.bulk.BulkReader> bulkReader() {
        return Optional.of(new org.flinkx.connector.jdbc.bulk.PostgresCopyReader());
    }
}
