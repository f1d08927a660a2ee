package org.flinkx.connector.jdbc.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.annotation.Internal;

/**
 * MySQL's and MariaDB's schemas: a Flink database is a MySQL database (schema), read over any
 * connection to the server.
 */
@Internal
public final class MySqlSchemas implements DatabaseSchemas {

    private static final long serialVersionUID = 1L;

    private static final TypeMapping TYPES = new MySqlTypeMapping();

    @Override
    public TypeMapping types() {
        return TYPES;
    }

    @Override
    public boolean connectsPerDatabase() {
        return false;
    }

    @Override
    public String serverDatabase() {
        return "";
    }

    @Override
    public List<String> databases(Connection connection) throws SQLException {
        return strings(
                connection,
                "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME NOT IN "
                        + "('information_schema', 'mysql', 'performance_schema', 'sys') "
                        + "ORDER BY SCHEMA_NAME");
    }

    @Override
    public List<String> tables(Connection connection, String database) throws SQLException {
        return strings(
                connection,
                "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? "
                        + "ORDER BY TABLE_NAME",
                database);
    }

    @Override
    public Optional<DatabaseTable> table(Connection connection, String database, String table)
            throws SQLException {
        List<DatabaseColumn> columns;
        try (PreparedStatement statement =
                connection.prepareStatement(
                        "SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, CHARACTER_MAXIMUM_LENGTH, "
                                + "CHARACTER_OCTET_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE, DATETIME_PRECISION, "
                                + "IS_NULLABLE FROM information_schema.COLUMNS "
                                + "WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? "
                                + "ORDER BY ORDINAL_POSITION")) {
            statement.setString(1, database);
            statement.setString(2, table);
            columns = DatabaseColumn.read(statement);
        }
        if (columns.isEmpty()) {
            return Optional.empty();
        }
        List<String> key =
                strings(
                        connection,
                        "SELECT COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE "
                                + "WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? "
                                + "AND CONSTRAINT_NAME = 'PRIMARY' ORDER BY ORDINAL_POSITION",
                        database,
                        table);
        return Optional.of(new DatabaseTable(columns, key));
    }

    @Override
    public String tableName(String database, String table) {
        return DatabaseSchemas.quotedPart(table);
    }

    @Override
    public String qualifiedName(String database, String table) {
        return quote(database) + "." + quote(table);
    }

    private static String quote(String identifier) {
        return '`' + identifier.replace("`", "``") + '`';
    }

    static List<String> strings(Connection connection, String sql, String... parameters)
            throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
        }
        return values;
    }
}
