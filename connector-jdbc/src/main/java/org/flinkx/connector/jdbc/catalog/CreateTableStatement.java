package org.flinkx.connector.jdbc.catalog;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.flinkx.connector.jdbc.dialect.JdbcDialect;

/**
 * The {@code CREATE TABLE} of a Flink schema in a database: each column's type by the database's
 * {@link TypeMapping}, NOT NULL where Flink's type says so, the primary key; every identifier
 * quoted.
 */
@Internal
public final class CreateTableStatement {

    private CreateTableStatement() {}

    public static String of(
            String qualifiedName, ResolvedSchema schema, TypeMapping types, JdbcDialect dialect) {
        List<String> key =
                schema.getPrimaryKey().map(k -> k.getColumns()).orElse(List.<String>of());
        int stringKeyColumns = 0;
        for (String column : key) {
            LogicalType type =
                    schema.getColumn(column).orElseThrow().getDataType().getLogicalType();
            if (isText(type)) {
                stringKeyColumns++;
            }
        }
        List<String> parts = new ArrayList<>();
        for (Column column : schema.getColumns()) {
            LogicalType type = column.getDataType().getLogicalType();
            boolean inKey = key.contains(column.getName());
            String databaseType =
                    types.toDatabase(
                            column.getName(), type, inKey && isText(type) ? stringKeyColumns : 0);
            parts.add(
                    dialect.quoteIdentifier(column.getName())
                            + " "
                            + databaseType
                            // NULL said, so that MySQL's TIMESTAMP gets no implicit default
                            + (type.isNullable() && !inKey ? " NULL" : " NOT NULL"));
        }
        if (!key.isEmpty()) {
            List<String> quoted = new ArrayList<>();
            key.forEach(column -> quoted.add(dialect.quoteIdentifier(column)));
            parts.add("PRIMARY KEY (" + String.join(", ", quoted) + ")");
        }
        return "CREATE TABLE " + qualifiedName + " (\n  " + String.join(",\n  ", parts) + "\n)";
    }

    /**
     * The {@code ALTER TABLE ... ADD COLUMN} statements that add {@code columns} of {@code schema}
     * to an existing table, one per column, in the schema's order; each added column is nullable
     * (the table's rows have no value for it) and typed as {@link #of} types it.
     */
    public static List<String> addColumns(
            String qualifiedName,
            ResolvedSchema schema,
            List<String> columns,
            TypeMapping types,
            JdbcDialect dialect) {
        List<String> statements = new ArrayList<>();
        for (Column column : schema.getColumns()) {
            if (columns.contains(column.getName())) {
                statements.add(
                        "ALTER TABLE "
                                + qualifiedName
                                + " ADD COLUMN "
                                + dialect.quoteIdentifier(column.getName())
                                + " "
                                + types.toDatabase(
                                        column.getName(), column.getDataType().getLogicalType(), 0)
                                + " NULL");
            }
        }
        return statements;
    }

    private static boolean isText(LogicalType type) {
        return type.getTypeRoot() == LogicalTypeRoot.VARCHAR
                || type.getTypeRoot() == LogicalTypeRoot.CHAR;
    }
}
