package org.flinkx.connector.starrocks.ddl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.api.ValidationException;
import org.flinkx.connector.jdbc.catalog.DatabaseColumn;

/**
 * The {@code CREATE TABLE} of a StarRocks primary-key table for a MySQL or MariaDB table's columns:
 * the key's columns first and in the key's order (StarRocks requires it), NOT NULL, the others as
 * nullable as in the source; {@code DISTRIBUTED BY HASH} over the key, with {@code BUCKETS n} when
 * a bucket count is given (else StarRocks chooses); {@code PROPERTIES} as given, sorted. {@code IF
 * NOT EXISTS}: a table that is there already is left as it is. Every identifier is quoted with
 * backticks.
 */
@Internal
public final class StarRocksCreateTable {

    private StarRocksCreateTable() {}

    /**
     * The statement.
     *
     * @param source the source table, for messages ({@code shop.orders})
     * @param database the StarRocks database
     * @param table the StarRocks table
     * @param columns the columns, in the source's order
     * @param key the primary key's columns, in order
     * @param buckets the bucket count, or null for StarRocks' own choice
     * @param properties the table's properties ({@code replication_num}, ...)
     * @throws ValidationException without a key, or when a column has no StarRocks type or a key
     *     column one that no key may have
     */
    public static String of(
            String source,
            String database,
            String table,
            List<DatabaseColumn> columns,
            List<String> key,
            @Nullable Integer buckets,
            Map<String, String> properties) {
        if (key.isEmpty()) {
            throw new ValidationException(
                    String.format(
                            "Table '%s' has no primary key, which a StarRocks primary-key table "
                                    + "needs: give its route a 'primary-key' (the columns that "
                                    + "identify a row), or leave the table out.",
                            source));
        }
        List<String> lines = new ArrayList<>();
        for (String name : key) {
            DatabaseColumn column = column(source, columns, name);
            String type = StarRocksTypes.ofMySql(source, column);
            if (!StarRocksTypes.keyable(type)) {
                throw new ValidationException(
                        String.format(
                                "Column '%s' of table '%s' is in the primary key, and StarRocks "
                                        + "keys cannot be %s (from %s).",
                                name, source, type, column.columnType()));
            }
            lines.add(quote(name) + " " + type + " NOT NULL");
        }
        for (DatabaseColumn column : columns) {
            if (!key.contains(column.name())) {
                lines.add(
                        quote(column.name())
                                + " "
                                + StarRocksTypes.ofMySql(source, column)
                                + (column.nullable() ? " NULL" : " NOT NULL"));
            }
        }
        List<String> quotedKey = key.stream().map(StarRocksCreateTable::quote).toList();
        StringBuilder sql =
                new StringBuilder("CREATE TABLE IF NOT EXISTS ")
                        .append(quote(database))
                        .append('.')
                        .append(quote(table))
                        .append(" (\n  ")
                        .append(String.join(",\n  ", lines))
                        .append("\n)\nPRIMARY KEY (")
                        .append(String.join(", ", quotedKey))
                        .append(")\nDISTRIBUTED BY HASH(")
                        .append(String.join(", ", quotedKey))
                        .append(')');
        if (buckets != null) {
            if (buckets < 1) {
                throw new ValidationException("The bucket count must be positive: " + buckets);
            }
            sql.append(" BUCKETS ").append(buckets);
        }
        if (!properties.isEmpty()) {
            List<String> pairs = new ArrayList<>();
            new TreeMap<>(properties).forEach((k, v) -> pairs.add(string(k) + " = " + string(v)));
            sql.append("\nPROPERTIES (\n  ").append(String.join(",\n  ", pairs)).append("\n)");
        }
        return sql.toString();
    }

    private static DatabaseColumn column(String source, List<DatabaseColumn> columns, String name) {
        for (DatabaseColumn column : columns) {
            if (column.name().equals(name)) {
                return column;
            }
        }
        throw new ValidationException(
                String.format(
                        "The primary key of table '%s' names the column '%s', which it does not "
                                + "have.",
                        source, name));
    }

    /**
     * {@code ALTER TABLE db.table ADD COLUMN name TYPE NULL}: a column the table lacks, typed as a
     * created table's, nullable (the rows there have no value for it). StarRocks runs it as a
     * schema change (at once with fast schema evolution, StarRocks 3.2 and later).
     */
    public static String addColumn(
            String source, String database, String table, DatabaseColumn column) {
        return "ALTER TABLE "
                + quote(database)
                + '.'
                + quote(table)
                + " ADD COLUMN "
                + quote(column.name())
                + " "
                + StarRocksTypes.ofMySql(source, column)
                + " NULL";
    }

    static String quote(String identifier) {
        return '`' + identifier.replace("`", "``") + '`';
    }

    private static String string(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
