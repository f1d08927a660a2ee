package org.flinkx.connector.starrocks.ddl;

import java.util.Locale;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.api.ValidationException;
import org.flinkx.connector.jdbc.catalog.DatabaseColumn;

/**
 * The StarRocks column type of a MySQL or MariaDB column, for the tables a whole-database sync
 * creates. Lengths are in bytes, as StarRocks counts them: a character column takes the most bytes
 * its character set needs ({@code character_octet_length}: {@code varchar(100)} in utf8mb4 is
 * {@code VARCHAR(400)}). Each type holds what flinkx-starrocks loads from the column's Flink type
 * (the catalog's mapping): unsigned integers widen ({@code BIGINT UNSIGNED} to {@code LARGEINT}),
 * texts, enums and sets become {@code VARCHAR} of their byte length (at most 1048576), {@code
 * DATETIME} and {@code TIMESTAMP} become {@code DATETIME} (a {@code TIMESTAMP} in UTC), {@code
 * TIME} its text. docs/whole-database.md has the table.
 */
@Internal
public final class StarRocksTypes {

    /** The longest VARCHAR of StarRocks, in bytes. */
    static final long VARCHAR_MAX = 1_048_576;

    private static final long CHAR_MAX = 255;
    private static final int DECIMAL_MAX = 38;

    private StarRocksTypes() {}

    /**
     * The StarRocks type of a MySQL or MariaDB column; fails naming table, column and type where
     * there is none.
     */
    public static String ofMySql(String table, DatabaseColumn column) {
        boolean unsigned = column.columnType().toLowerCase(Locale.ROOT).contains("unsigned");
        switch (column.dataType()) {
            case "bit":
                if (column.precision() == null || column.precision() == 1) {
                    return "BOOLEAN";
                }
                throw binary(table, column);
            case "bool":
            case "boolean":
                return "BOOLEAN";
            case "tinyint":
                return unsigned ? "SMALLINT" : "TINYINT";
            case "smallint":
                return unsigned ? "INT" : "SMALLINT";
            case "mediumint":
                return "INT";
            case "int":
            case "integer":
                return unsigned ? "BIGINT" : "INT";
            case "bigint":
                return unsigned ? "LARGEINT" : "BIGINT";
            case "decimal":
            case "numeric":
                int precision = column.precision() == null ? 10 : column.precision();
                int scale = column.scale() == null ? 0 : column.scale();
                // wider decimals travel as text (the catalog's STRING): sign, digits and point
                return precision <= DECIMAL_MAX
                        ? "DECIMAL(" + precision + ", " + scale + ")"
                        : "VARCHAR(" + (precision + 2) + ")";
            case "float":
                return "FLOAT";
            case "double":
            case "real":
                return "DOUBLE";
            case "char":
                long chars = octets(column);
                return chars <= CHAR_MAX ? "CHAR(" + chars + ")" : "VARCHAR(" + chars + ")";
            case "varchar":
            case "tinytext":
            case "text":
            case "mediumtext":
            case "longtext":
            case "enum":
            case "set":
                return "VARCHAR(" + Math.min(octets(column), VARCHAR_MAX) + ")";
            case "json":
                return "JSON";
            case "date":
                return "DATE";
            case "datetime":
            case "timestamp":
                return "DATETIME";
            case "time":
                // flinkx-starrocks writes a TIME as HH:mm:ss[.ffffff]
                int fraction = column.fraction() == null ? 0 : column.fraction();
                return "VARCHAR(" + (fraction == 0 ? 8 : 9 + fraction) + ")";
            case "year":
                return "SMALLINT";
            case "binary":
            case "varbinary":
            case "tinyblob":
            case "blob":
            case "mediumblob":
            case "longblob":
                throw binary(table, column);
            default:
                throw new ValidationException(
                        String.format(
                                "Column '%s' of table '%s' has the MySQL/MariaDB type '%s', which "
                                        + "has no StarRocks type here (docs/whole-database.md "
                                        + "lists the mapped types). Leave the table out of the "
                                        + "sync's tables.",
                                column.name(), table, column.columnType()));
        }
    }

    /** Whether a StarRocks type may be a column of a primary key. */
    static boolean keyable(String starRocksType) {
        return !(starRocksType.startsWith("FLOAT")
                || starRocksType.startsWith("DOUBLE")
                || starRocksType.startsWith("JSON"));
    }

    private static long octets(DatabaseColumn column) {
        if (column.octets() != null && column.octets() > 0) {
            return column.octets();
        }
        // a server that reports no byte length: utf8mb4's four bytes a character
        return Math.max(1, column.length() == null ? 1 : column.length() * 4);
    }

    private static ValidationException binary(String table, DatabaseColumn column) {
        return new ValidationException(
                String.format(
                        "Column '%s' of table '%s' is binary (%s): flinkx-starrocks does not load "
                                + "binary values. Leave the table out of the sync's tables.",
                        column.name(), table, column.columnType()));
    }
}
