package org.flinkx.connector.jdbc.dialect;

import java.io.Serializable;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import javax.sql.XADataSource;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.types.logical.LogicalType;

/**
 * What differs between databases, as a handful of hooks: quoting, the upsert statement, streaming
 * read settings, XA, and the database type of array elements. Everything else is shared.
 */
@PublicEvolving
public interface JdbcDialect extends Serializable {

    /** A short name, e.g. {@code postgresql}. */
    String name();

    /** Whether this dialect handles the URL. */
    boolean acceptsUrl(String url);

    /** The URL handed to the driver; a dialect may add what its driver needs to accept it. */
    default String driverUrl(String url) {
        return url;
    }

    /** The driver class used when the user names none. */
    String defaultDriverClass();

    /** Driver properties set unless the user sets them ({@code properties.*}). */
    default Map<String, String> defaultDriverProperties() {
        return Map.of();
    }

    /**
     * Driver properties for the source's reading connections, unless the user sets them; by default
     * {@link #defaultDriverProperties()}.
     */
    default Map<String, String> readDriverProperties() {
        return defaultDriverProperties();
    }

    String quoteIdentifier(String identifier);

    /**
     * Quotes a possibly qualified name such as {@code schema.table} (read as {@link TableNames}
     * says).
     */
    default String quoteQualified(String name) {
        StringBuilder out = new StringBuilder();
        for (String part : TableNames.parts(name)) {
            if (!out.isEmpty()) {
                out.append('.');
            }
            out.append(quoteIdentifier(part));
        }
        return out.toString();
    }

    /**
     * An INSERT of {@code rows} rows that updates a row when its key exists, or empty when the
     * database has none (then the writer updates and inserts). Built from its parts ({@link
     * Statements#insert(JdbcDialect, String, List, int)}), never by editing a statement's text.
     */
    Optional<String> upsertStatement(
            String table, List<String> columns, List<String> keys, int rows);

    /** The single-row {@link #upsertStatement(String, List, List, int)}. */
    default Optional<String> upsertStatement(
            String table, List<String> columns, List<String> keys) {
        return upsertStatement(table, columns, keys, 1);
    }

    /** FlinkX's 'replace' write mode for {@code rows} rows; by default the same as upsert. */
    default Optional<String> replaceStatement(
            String table, List<String> columns, List<String> keys, int rows) {
        return upsertStatement(table, columns, keys, rows);
    }

    /** The single-row {@link #replaceStatement(String, List, List, int)}. */
    default Optional<String> replaceStatement(
            String table, List<String> columns, List<String> keys) {
        return replaceStatement(table, columns, keys, 1);
    }

    /**
     * The database's bulk path for appending rows of this type (COPY, LOAD DATA), or empty: then
     * the sink appends with batched INSERTs.
     */
    default Optional<org.flinkx.connector.jdbc.bulk.BulkInserter> bulkInserter(
            String table,
            List<String> columns,
            org.apache.flink.table.types.logical.RowType rowType) {
        return Optional.empty();
    }

    /**
     * How many rows one multi-row {@code INSERT ... VALUES (...), (...)} statement may carry, or 0
     * when the sink should send JDBC batches as they are (the driver rewrites or pipelines them).
     */
    default int multiRowStatementRows(int columns) {
        return 0;
    }

    /** The database's bulk path for reading splits (COPY TO), or empty: result sets. */
    default Optional<org.flinkx.connector.jdbc.bulk.BulkReader> bulkReader() {
        return Optional.empty();
    }

    /** Configures a connection and statement so the result set streams instead of buffering. */
    default void configureStreamingRead(Connection connection, Statement statement, int fetchSize)
            throws SQLException {
        statement.setFetchSize(fetchSize);
    }

    /**
     * What follows an {@code ORDER BY} to keep only the row {@code offset} rows on (the chunk
     * planner's boundary query): by default the SQL standard's {@code OFFSET n ROWS FETCH NEXT 1
     * ROWS ONLY}.
     */
    default String singleRowAtOffset(long offset) {
        return " OFFSET " + offset + " ROWS FETCH NEXT 1 ROWS ONLY";
    }

    /** The expression {@code MOD(column, modulus)}. */
    default String modExpression(String quotedColumn, int modulus) {
        return "MOD(" + quotedColumn + ", " + modulus + ")";
    }

    /** Creates the XA data source for exactly-once, or fails when the database has no XA. */
    default XADataSource createXaDataSource(String url, Properties properties) throws SQLException {
        throw new SQLException(
                "The "
                        + name()
                        + " dialect does not support XA, so 'sink.delivery-guarantee' = "
                        + "'exactly-once' is not available for it.");
    }

    /** The database's name of the element type of an array, for {@code createArrayOf}. */
    default String arrayElementTypeName(LogicalType elementType) {
        throw new UnsupportedOperationException(
                "The " + name() + " dialect does not support ARRAY columns.");
    }

    /** Binds a BOOLEAN parameter; a dialect may send it so that bit columns accept it too. */
    default void setBoolean(java.sql.PreparedStatement statement, int index, boolean value)
            throws SQLException {
        statement.setBoolean(index, value);
    }

    /** Reads a TIMESTAMP_LTZ column as an instant. */
    default java.time.Instant readInstant(java.sql.ResultSet rs, int index) throws SQLException {
        java.sql.Timestamp timestamp = rs.getTimestamp(index);
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** Binds an instant to a TIMESTAMP_LTZ parameter. */
    default void setInstant(
            java.sql.PreparedStatement statement, int index, java.time.Instant value)
            throws SQLException {
        statement.setTimestamp(index, java.sql.Timestamp.from(value));
    }

    /** The SQL type sent for a NULL parameter of a column of the given SQL type. */
    default int nullType(int sqlType) {
        return sqlType;
    }

    /**
     * Whether {@code getBytes} on this result set column returns the value's UTF-8 text as it came
     * over the wire, so a reader can wrap those bytes as Flink's string instead of decoding them to
     * a {@code String} and encoding them back. False unless the dialect knows its driver does so.
     */
    default boolean readsUtf8Bytes(java.sql.ResultSetMetaData metadata, int column)
            throws SQLException {
        return false;
    }

    /**
     * The elements of an ARRAY column as the JDBC objects {@link
     * org.flinkx.connector.common.convert.JdbcValues#fromObject} takes, or null for SQL NULL; by
     * default through {@link java.sql.ResultSet#getArray}.
     */
    default Object[] readArray(java.sql.ResultSet rs, int index, LogicalType elementType)
            throws SQLException {
        java.sql.Array values = rs.getArray(index);
        if (values == null) {
            return null;
        }
        try {
            return (Object[]) values.getArray();
        } finally {
            values.free();
        }
    }

    /** Whether the database has ARRAY columns. */
    default boolean supportsArrays() {
        return false;
    }

    /**
     * Whether a connection stays bound to an XA branch it prepared until the branch ends, so the
     * writer needs a new connection for the next branch (MySQL, MariaDB).
     */
    default boolean xaPrepareBindsConnection() {
        return false;
    }

    /** What the server needs for exactly-once, for error messages. */
    default String xaPrerequisites() {
        return "";
    }
}
