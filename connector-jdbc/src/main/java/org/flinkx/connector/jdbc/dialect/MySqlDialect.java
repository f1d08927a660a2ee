package org.flinkx.connector.jdbc.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.flink.annotation.PublicEvolving;

/**
 * MySQL. Uses MySQL Connector/J when it is on the class path (it is not bundled: GPL), otherwise
 * the bundled MariaDB driver, which speaks the same protocol.
 */
@PublicEvolving
public class MySqlDialect implements JdbcDialect {

    private static final long serialVersionUID = 1L;
    static final String MYSQL_DRIVER = "com.mysql.cj.jdbc.Driver";
    static final String UTC_SESSION = "time_zone='+00:00'";

    @Override
    public String name() {
        return "mysql";
    }

    @Override
    public String singleRowAtOffset(long offset) {
        return " LIMIT 1 OFFSET " + offset;
    }

    @Override
    public boolean acceptsUrl(String url) {
        return url.startsWith("jdbc:mysql:");
    }

    @Override
    public String defaultDriverClass() {
        return mysqlDriverPresent() ? MYSQL_DRIVER : MariaDbDialect.MARIADB_DRIVER;
    }

    @Override
    public Map<String, String> defaultDriverProperties() {
        if (mysqlDriverPresent()) {
            // Multi-row INSERTs for batches; server-side cursors are not needed, see streaming
            // read.
            return Map.of(
                    "rewriteBatchedStatements", "true",
                    "sessionVariables", UTC_SESSION,
                    "preserveInstants", "false");
        }
        return MariaDbDialect.DRIVER_DEFAULTS;
    }

    /** Lets the MariaDB driver accept a {@code jdbc:mysql:} URL when Connector/J is absent. */
    @Override
    public String driverUrl(String url) {
        if (mysqlDriverPresent() || url.contains("permitMysqlScheme")) {
            return url;
        }
        return url + (url.contains("?") ? "&" : "?") + "permitMysqlScheme";
    }

    @Override
    public String quoteIdentifier(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    @Override
    public Optional<String> upsertStatement(
            String table, List<String> columns, List<String> keys, int rows) {
        String updates =
                columns.stream()
                        .filter(c -> !keys.contains(c))
                        .map(c -> quoteIdentifier(c) + "=VALUES(" + quoteIdentifier(c) + ")")
                        .collect(Collectors.joining(", "));
        if (updates.isEmpty()) {
            String key = quoteIdentifier(keys.get(0));
            updates = key + "=" + key;
        }
        return Optional.of(
                Statements.insert(this, table, columns, rows)
                        + " ON DUPLICATE KEY UPDATE "
                        + updates);
    }

    @Override
    public Optional<String> replaceStatement(
            String table, List<String> columns, List<String> keys, int rows) {
        return Optional.of(
                "REPLACE INTO "
                        + quoteQualified(table)
                        + " ("
                        + Statements.columnList(this, columns)
                        + ") VALUES "
                        + Statements.values(columns.size(), rows));
    }

    @Override
    public void configureStreamingRead(Connection connection, Statement statement, int fetchSize)
            throws SQLException {
        if (statement.getClass().getName().startsWith("com.mysql")) {
            // Connector/J streams row by row only with this sentinel fetch size.
            statement.setFetchSize(Integer.MIN_VALUE);
        } else {
            statement.setFetchSize(fetchSize);
        }
    }

    @Override
    public javax.sql.XADataSource createXaDataSource(String url, java.util.Properties properties)
            throws SQLException {
        if (!mysqlDriverPresent()) {
            return MariaDbDialect.mariaDbXaDataSource(driverUrl(url), properties);
        }
        try {
            Object ds =
                    Class.forName(
                                    "com.mysql.cj.jdbc.MysqlXADataSource",
                                    true,
                                    Thread.currentThread().getContextClassLoader())
                            .getDeclaredConstructor()
                            .newInstance();
            ds.getClass().getMethod("setUrl", String.class).invoke(ds, url);
            for (String name : properties.stringPropertyNames()) {
                if (name.equals("user")) {
                    ds.getClass()
                            .getMethod("setUser", String.class)
                            .invoke(ds, properties.getProperty(name));
                } else if (name.equals("password")) {
                    ds.getClass()
                            .getMethod("setPassword", String.class)
                            .invoke(ds, properties.getProperty(name));
                }
            }
            return (javax.sql.XADataSource) ds;
        } catch (ReflectiveOperationException e) {
            throw new SQLException("Cannot create MySQL's XA data source: " + e, e);
        }
    }

    /** TIMESTAMP values are UTC wall-clock times in the UTC session the dialect sets up. */
    @Override
    public java.time.Instant readInstant(java.sql.ResultSet rs, int index) throws SQLException {
        java.time.LocalDateTime utc = rs.getObject(index, java.time.LocalDateTime.class);
        return utc == null ? null : utc.toInstant(java.time.ZoneOffset.UTC);
    }

    @Override
    public void setInstant(java.sql.PreparedStatement statement, int index, java.time.Instant value)
            throws SQLException {
        statement.setObject(
                index, java.time.LocalDateTime.ofInstant(value, java.time.ZoneOffset.UTC));
    }

    @Override
    public boolean xaPrepareBindsConnection() {
        return true;
    }

    @Override
    public String xaPrerequisites() {
        return "the account needs the XA_RECOVER_ADMIN privilege (MySQL 8) to list prepared "
                + "transactions, and tables must use InnoDB";
    }

    static boolean mysqlDriverPresent() {
        try {
            Class.forName(MYSQL_DRIVER, false, Thread.currentThread().getContextClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * The MariaDB driver (used for MariaDB, and for MySQL when Connector/J is absent) always talks
     * utf8mb4 and hands string columns over as received. Binary-charset columns report binary JDBC
     * types and are excluded; with another driver the text is decoded as usual.
     */
    @Override
    public boolean readsUtf8Bytes(java.sql.ResultSetMetaData metadata, int column)
            throws java.sql.SQLException {
        if (!metadata.getClass().getName().startsWith("org.mariadb.jdbc.")) {
            return false;
        }
        int type = metadata.getColumnType(column);
        return type == java.sql.Types.VARCHAR
                || type == java.sql.Types.CHAR
                || type == java.sql.Types.LONGVARCHAR;
    }

    @Override
    public Optional<org.flinkx.connector.jdbc.bulk.BulkInserter> bulkInserter(
            String table,
            List<String> columns,
            org.apache.flink.table.types.logical.RowType rowType) {
        if (!org.flinkx.connector.jdbc.bulk.TextRowEncoder.supports(
                rowType, org.flinkx.connector.jdbc.bulk.TextRowEncoder.Flavor.MYSQL_LOAD_DATA)) {
            return Optional.empty();
        }
        return Optional.of(
                new org.flinkx.connector.jdbc.bulk.MariaDbLoadDataInserter(
                        quoteQualified(table),
                        columns.stream().map(this::quoteIdentifier).toList(),
                        rowType));
    }

    /**
     * MariaDB's driver runs a batch as one statement per row (pipelined, but one execution each;
     * only plain INSERTs get its bulk protocol): upserts measured 3-4x slower than multi-row
     * statements. At most 1000 rows and 65535 parameters per statement.
     */
    @Override
    public int multiRowStatementRows(int columns) {
        return Math.max(1, Math.min(1000, 65_535 / Math.max(1, columns)));
    }
}
