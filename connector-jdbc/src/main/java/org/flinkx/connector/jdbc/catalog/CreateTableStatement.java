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

    private static boolean isText(LogicalType type) {
        return type.getTypeRoot() == LogicalTypeRoot.VARCHAR
                || type.getTypeRoot() == LogicalTypeRoot.CHAR;
    }
}
