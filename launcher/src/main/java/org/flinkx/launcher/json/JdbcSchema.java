package org.flinkx.launcher.json;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.flinkx.connector.jdbc.dialect.TableNames;

/**
 * The columns and primary key of a table (or the columns of a query) as the database reports them,
 * for JSON jobs whose columns give no types ({@code "column": ["*"]} or names only): read once,
 * when the job is translated, through the JDBC drivers on the class path.
 */
final class JdbcSchema {

    private static final int LOGIN_TIMEOUT_SECONDS = 10;

    private JdbcSchema() {}

    /** What a {@link JdbcSchema} lookup needs: the connection and a table or query. */
    record Source(String url, String username, String password, String table, String query) {}

    record Result(List<TableDef.Column> columns, List<String> primaryKey) {}

    static Result lookup(Source source) {
        Properties properties = new Properties();
        if (source.username() != null) {
            properties.setProperty("user", source.username());
        }
        if (source.password() != null) {
            properties.setProperty("password", source.password());
        }
        DriverManager.setLoginTimeout(LOGIN_TIMEOUT_SECONDS);
        String what =
                source.query() != null ? "the query of 'customSql'" : "table " + source.table();
        try (Connection connection =
                        DriverManager.getConnection(driverUrl(source.url()), properties);
                Statement statement = connection.createStatement()) {
            String quote = connection.getMetaData().getIdentifierQuoteString().trim();
            String relation =
                    source.query() != null
                            ? "(" + source.query() + ") flinkx_q"
                            : quoted(source.table(), quote);
            List<TableDef.Column> columns = new ArrayList<>();
            try (ResultSet rows =
                    statement.executeQuery("SELECT * FROM " + relation + " WHERE 1 = 0")) {
                ResultSetMetaData metadata = rows.getMetaData();
                for (int i = 1; i <= metadata.getColumnCount(); i++) {
                    columns.add(
                            TableDef.Column.of(
                                    metadata.getColumnLabel(i),
                                    ColumnTypes.ofMetadata(metadata, i)));
                }
            }
            List<String> primaryKey =
                    source.query() != null ? List.of() : primaryKey(connection, source.table());
            return new Result(columns, primaryKey);
        } catch (SQLException e) {
            // The URL may hold a password: name the table and the driver's message only.
            throw new IllegalArgumentException(
                    "cannot read the columns of "
                            + what
                            + " (the job gives "
                            + "no column types, so FlinkX asks the database): "
                            + e.getMessage(),
                    e);
        }
    }

    /**
     * The URL, or for {@code jdbc:mysql:} without MySQL Connector/J the same URL for the MariaDB
     * driver that the FlinkX JDBC jar bundles (as {@code flinkx-mysql} does).
     */
    private static String driverUrl(String url) {
        if (url.startsWith("jdbc:mysql:")) {
            try {
                DriverManager.getDriver(url);
            } catch (SQLException noMySqlDriver) {
                return "jdbc:mariadb:" + url.substring("jdbc:mysql:".length());
            }
        }
        return url;
    }

    private static String quoted(String table, String quote) {
        List<String> parts = new ArrayList<>();
        for (String part : TableNames.parts(table)) {
            parts.add(quote.isEmpty() ? part : quote + part.replace(quote, quote + quote) + quote);
        }
        return String.join(".", parts);
    }

    private static List<String> primaryKey(Connection connection, String table)
            throws SQLException {
        List<String> parts = TableNames.parts(table);
        String schema = parts.size() > 1 ? parts.get(parts.size() - 2) : null;
        String name = parts.get(parts.size() - 1);
        DatabaseMetaData metadata = connection.getMetaData();
        List<String> key = new ArrayList<>();
        // MySQL and MariaDB name databases as catalogs, PostgreSQL as schemas.
        try (ResultSet rows =
                schema != null && !metadata.supportsSchemasInTableDefinitions()
                        ? metadata.getPrimaryKeys(schema, null, name)
                        : metadata.getPrimaryKeys(connection.getCatalog(), schema, name)) {
            List<String[]> ordered = new ArrayList<>();
            while (rows.next()) {
                ordered.add(
                        new String[] {rows.getString("KEY_SEQ"), rows.getString("COLUMN_NAME")});
            }
            ordered.sort((a, b) -> Integer.compare(Integer.parseInt(a[0]), Integer.parseInt(b[0])));
            ordered.forEach(entry -> key.add(entry[1]));
        }
        return key;
    }
}
