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
 * PostgreSQL's schemas: a Flink database is a PostgreSQL database, read over a connection to it; a
 * table of the schema {@code public} is named as it is ({@code orders}), a table of another schema
 * with it ({@code sales.orders}).
 */
@Internal
public final class PostgresSchemas implements DatabaseSchemas {

    private static final long serialVersionUID = 1L;

    private static final TypeMapping TYPES = new PostgresTypeMapping();
    private static final String PUBLIC = "public";

    @Override
    public TypeMapping types() {
        return TYPES;
    }

    @Override
    public boolean connectsPerDatabase() {
        return true;
    }

    @Override
    public String serverDatabase() {
        return "postgres";
    }

    @Override
    public List<String> databases(Connection connection) throws SQLException {
        return MySqlSchemas.strings(
                connection,
                "SELECT datname FROM pg_database WHERE NOT datistemplate AND datallowconn "
                        + "ORDER BY datname");
    }

    @Override
    public List<String> tables(Connection connection, String database) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement statement =
                        connection.prepareStatement(
                                "SELECT table_schema, table_name FROM information_schema.tables "
                                        + "WHERE table_schema NOT IN "
                                        + "('pg_catalog', 'information_schema') "
                                        + "AND table_schema NOT LIKE 'pg\\_toast%' "
                                        + "ORDER BY table_schema, table_name");
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                String schema = rows.getString(1);
                String table = rows.getString(2);
                tables.add(PUBLIC.equals(schema) ? table : schema + "." + table);
            }
        }
        return tables;
    }

    @Override
    public Optional<DatabaseTable> table(Connection connection, String database, String table)
            throws SQLException {
        String[] name = schemaAndTable(table);
        List<DatabaseColumn> columns;
        try (PreparedStatement statement =
                connection.prepareStatement(
                        "SELECT column_name, udt_name, data_type, character_maximum_length, "
                                + "character_octet_length, numeric_precision, numeric_scale, datetime_precision, "
                                + "is_nullable FROM information_schema.columns "
                                + "WHERE table_schema = ? AND table_name = ? "
                                + "ORDER BY ordinal_position")) {
            statement.setString(1, name[0]);
            statement.setString(2, name[1]);
            columns = DatabaseColumn.read(statement);
        }
        if (columns.isEmpty()) {
            return Optional.empty();
        }
        List<String> key =
                MySqlSchemas.strings(
                        connection,
                        "SELECT kcu.column_name FROM information_schema.table_constraints tc "
                                + "JOIN information_schema.key_column_usage kcu "
                                + "ON tc.constraint_schema = kcu.constraint_schema "
                                + "AND tc.constraint_name = kcu.constraint_name "
                                + "WHERE tc.constraint_type = 'PRIMARY KEY' "
                                + "AND tc.table_schema = ? AND tc.table_name = ? "
                                + "ORDER BY kcu.ordinal_position",
                        name[0],
                        name[1]);
        return Optional.of(new DatabaseTable(columns, key));
    }

    @Override
    public String tableName(String database, String table) {
        String[] name = schemaAndTable(table);
        return DatabaseSchemas.quotedPart(name[0]) + "." + DatabaseSchemas.quotedPart(name[1]);
    }

    @Override
    public String qualifiedName(String database, String table) {
        return tableName(database, table);
    }

    /**
     * {@code orders} is {@code public.orders}; {@code sales.orders} the table {@code orders} of the
     * schema {@code sales} (a dot after the first belongs to the table's name).
     */
    static String[] schemaAndTable(String table) {
        int dot = table.indexOf('.');
        return dot < 0
                ? new String[] {PUBLIC, table}
                : new String[] {table.substring(0, dot), table.substring(dot + 1)};
    }
}
