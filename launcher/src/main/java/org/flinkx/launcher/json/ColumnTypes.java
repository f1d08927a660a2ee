package org.flinkx.launcher.json;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flink SQL types for the column types of FlinkX JSON jobs (the type names of MySQL, PostgreSQL and
 * Hive that the original plugins accept, e.g. {@code varchar}, {@code int}, {@code decimal(10,2)},
 * {@code datetime}) and for columns read from a database's result set metadata.
 */
final class ColumnTypes {

    private static final Pattern DECIMAL =
            Pattern.compile("(decimal|numeric)\\s*\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\)");
    private static final Pattern SIZED = Pattern.compile("([a-z ]+?)\\s*\\(.*\\)\\s*(unsigned)?");

    private static final Map<String, String> NAMES =
            Map.ofEntries(
                    Map.entry("boolean", "BOOLEAN"),
                    Map.entry("bool", "BOOLEAN"),
                    Map.entry("bit", "BOOLEAN"),
                    Map.entry("tinyint", "TINYINT"),
                    Map.entry("smallint", "SMALLINT"),
                    Map.entry("int2", "SMALLINT"),
                    Map.entry("mediumint", "INT"),
                    Map.entry("int", "INT"),
                    Map.entry("integer", "INT"),
                    Map.entry("int4", "INT"),
                    Map.entry("serial", "INT"),
                    Map.entry("year", "INT"),
                    Map.entry("bigint", "BIGINT"),
                    Map.entry("int8", "BIGINT"),
                    Map.entry("long", "BIGINT"),
                    Map.entry("bigserial", "BIGINT"),
                    Map.entry("tinyint unsigned", "SMALLINT"),
                    Map.entry("smallint unsigned", "INT"),
                    Map.entry("mediumint unsigned", "INT"),
                    Map.entry("int unsigned", "BIGINT"),
                    Map.entry("bigint unsigned", "DECIMAL(20, 0)"),
                    Map.entry("float", "FLOAT"),
                    Map.entry("real", "FLOAT"),
                    Map.entry("float4", "FLOAT"),
                    Map.entry("double", "DOUBLE"),
                    Map.entry("double precision", "DOUBLE"),
                    Map.entry("float8", "DOUBLE"),
                    Map.entry("decimal", "DECIMAL(38, 18)"),
                    Map.entry("numeric", "DECIMAL(38, 18)"),
                    Map.entry("string", "STRING"),
                    Map.entry("varchar", "STRING"),
                    Map.entry("char", "STRING"),
                    Map.entry("character varying", "STRING"),
                    Map.entry("character", "STRING"),
                    Map.entry("bpchar", "STRING"),
                    Map.entry("text", "STRING"),
                    Map.entry("tinytext", "STRING"),
                    Map.entry("mediumtext", "STRING"),
                    Map.entry("longtext", "STRING"),
                    Map.entry("json", "STRING"),
                    Map.entry("jsonb", "STRING"),
                    Map.entry("enum", "STRING"),
                    Map.entry("set", "STRING"),
                    Map.entry("uuid", "STRING"),
                    Map.entry("date", "DATE"),
                    Map.entry("time", "TIME(0)"),
                    Map.entry("datetime", "TIMESTAMP(3)"),
                    Map.entry("timestamp", "TIMESTAMP(3)"),
                    Map.entry("timestamptz", "TIMESTAMP_LTZ(3)"),
                    Map.entry("binary", "BYTES"),
                    Map.entry("varbinary", "BYTES"),
                    Map.entry("blob", "BYTES"),
                    Map.entry("tinyblob", "BYTES"),
                    Map.entry("mediumblob", "BYTES"),
                    Map.entry("longblob", "BYTES"),
                    Map.entry("bytea", "BYTES"),
                    Map.entry("bytes", "BYTES"));

    private ColumnTypes() {}

    /** The Flink type of a type name of a JSON job's column; fails naming the known ones. */
    static String ofName(String column, String typeName) {
        String type = typeName.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        Matcher decimal = DECIMAL.matcher(type);
        if (decimal.matches()) {
            return "DECIMAL("
                    + decimal.group(2)
                    + ", "
                    + (decimal.group(3) == null ? "0" : decimal.group(3))
                    + ")";
        }
        Matcher sized = SIZED.matcher(type);
        if (sized.matches()) { // varchar(32), datetime(6), int(11) unsigned: the size does not
            // matter
            type = sized.group(1).trim() + (sized.group(2) == null ? "" : " unsigned");
        }
        String flink = NAMES.get(type);
        if (flink == null) {
            throw new IllegalArgumentException(
                    "column '"
                            + column
                            + "': unknown type '"
                            + typeName
                            + "'; known types are "
                            + String.join(", ", new TreeSet<>(NAMES.keySet()))
                            + ", decimal(p,s)");
        }
        return flink;
    }

    /** The Flink type of result set column {@code index} (from 1). */
    static String ofMetadata(ResultSetMetaData metadata, int index) throws SQLException {
        String typeName = metadata.getColumnTypeName(index).toLowerCase(Locale.ROOT);
        boolean unsigned = typeName.contains("unsigned");
        int precision = metadata.getPrecision(index);
        int scale = metadata.getScale(index);
        return switch (metadata.getColumnType(index)) {
            case Types.BIT, Types.BOOLEAN -> precision > 1 ? "BYTES" : "BOOLEAN";
            case Types.TINYINT -> unsigned ? "SMALLINT" : "TINYINT";
            case Types.SMALLINT -> unsigned ? "INT" : "SMALLINT";
            case Types.INTEGER -> unsigned ? "BIGINT" : "INT";
            case Types.BIGINT -> unsigned ? "DECIMAL(20, 0)" : "BIGINT";
            case Types.REAL -> "FLOAT";
            case Types.FLOAT, Types.DOUBLE -> "DOUBLE";
            case Types.NUMERIC, Types.DECIMAL ->
                    precision > 0 && precision <= 38
                            ? "DECIMAL(" + precision + ", " + Math.max(0, scale) + ")"
                            : "DECIMAL(38, 18)";
            case Types.CHAR,
                    Types.VARCHAR,
                    Types.LONGVARCHAR,
                    Types.NCHAR,
                    Types.NVARCHAR,
                    Types.LONGNVARCHAR,
                    Types.CLOB,
                    Types.NCLOB,
                    Types.SQLXML ->
                    "STRING";
            case Types.DATE -> typeName.equals("year") ? "INT" : "DATE";
            case Types.TIME -> "TIME(0)";
            case Types.TIMESTAMP ->
                    typeName.contains("tz")
                            ? "TIMESTAMP_LTZ(" + fraction(scale) + ")"
                            : "TIMESTAMP(" + fraction(scale) + ")";
            case Types.TIMESTAMP_WITH_TIMEZONE -> "TIMESTAMP_LTZ(" + fraction(scale) + ")";
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> "BYTES";
            default -> ofName(metadata.getColumnLabel(index), typeName);
        };
    }

    /** Fractional seconds: the column's, at least milliseconds. */
    private static int fraction(int scale) {
        return Math.min(9, Math.max(3, scale));
    }
}
