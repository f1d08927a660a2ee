package org.flinkx.connector.jdbc.catalog;

import java.util.Locale;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.BinaryType;
import org.apache.flink.table.types.logical.CharType;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.LocalZonedTimestampType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.TimeType;
import org.apache.flink.table.types.logical.TimestampType;
import org.apache.flink.table.types.logical.VarBinaryType;
import org.apache.flink.table.types.logical.VarCharType;

/**
 * MySQL and MariaDB types, mapped as Flink's JDBC connector maps them: unsigned integers widen to
 * the next type (BIGINT UNSIGNED to DECIMAL(20, 0)), sized strings keep their length, texts become
 * STRING, binaries BYTES, DATETIME becomes TIMESTAMP(p) and TIMESTAMP (an instant)
 * TIMESTAMP_LTZ(p).
 */
@Internal
public final class MySqlTypeMapping implements TypeMapping {

    /**
     * The characters a primary key's string columns share: InnoDB's keys hold 3072 bytes, utf8mb4
     * takes up to 4 a character, and 2800 of those bytes leave room for the key's other columns.
     */
    private static final int KEY_CHARS = 700;

    /** Above this many characters a VARCHAR column becomes a text type (row size limit). */
    private static final int VARCHAR_MAX = 255;

    private static final String DATABASE = "MySQL/MariaDB";

    @Override
    public DataType toFlink(String table, DatabaseColumn column) {
        boolean unsigned = column.columnType().toLowerCase(Locale.ROOT).contains("unsigned");
        switch (column.dataType()) {
            case "bit":
                return length(column, 1) == 1 ? DataTypes.BOOLEAN() : DataTypes.BYTES();
            case "bool":
            case "boolean":
                return DataTypes.BOOLEAN();
            case "tinyint":
                return unsigned ? DataTypes.SMALLINT() : DataTypes.TINYINT();
            case "smallint":
                return unsigned ? DataTypes.INT() : DataTypes.SMALLINT();
            case "mediumint":
                return DataTypes.INT();
            case "int":
            case "integer":
                return unsigned ? DataTypes.BIGINT() : DataTypes.INT();
            case "bigint":
                return unsigned ? DataTypes.DECIMAL(20, 0) : DataTypes.BIGINT();
            case "decimal":
            case "numeric":
                int precision = column.precision() == null ? 10 : column.precision();
                int scale = column.scale() == null ? 0 : column.scale();
                return precision <= DecimalType.MAX_PRECISION
                        ? DataTypes.DECIMAL(precision, scale)
                        : DataTypes.STRING();
            case "float":
                return DataTypes.FLOAT();
            case "double":
            case "real":
                return DataTypes.DOUBLE();
            case "char":
                return DataTypes.CHAR((int) Math.max(1, length(column, 1)));
            case "varchar":
                return DataTypes.VARCHAR((int) Math.max(1, length(column, 1)));
            case "tinytext":
            case "text":
            case "mediumtext":
            case "longtext":
            case "json":
            case "enum":
            case "set":
                return DataTypes.STRING();
            case "binary":
            case "varbinary":
            case "tinyblob":
            case "blob":
            case "mediumblob":
            case "longblob":
                return DataTypes.BYTES();
            case "date":
                return DataTypes.DATE();
            case "time":
                return DataTypes.TIME(fraction(column));
            case "datetime":
                return DataTypes.TIMESTAMP(fraction(column));
            case "timestamp":
                // an instant (stored in UTC, shown in the session's zone), as the connector reads
                // TIMESTAMP_LTZ; so CTAS of a TIMESTAMP_LTZ column into it reads back the same
                return DataTypes.TIMESTAMP_LTZ(fraction(column));
            case "year":
                return DataTypes.INT();
            default:
                throw TypeMapping.unsupported(table, column, DATABASE);
        }
    }

    @Override
    public String toDatabase(String column, LogicalType type, int stringKeyColumns) {
        switch (type.getTypeRoot()) {
            case BOOLEAN:
                return "BOOLEAN";
            case TINYINT:
                return "TINYINT";
            case SMALLINT:
                return "SMALLINT";
            case INTEGER:
                return "INT";
            case BIGINT:
                return "BIGINT";
            case FLOAT:
                return "FLOAT";
            case DOUBLE:
                return "DOUBLE";
            case DECIMAL:
                DecimalType decimal = (DecimalType) type;
                return "DECIMAL(" + decimal.getPrecision() + ", " + decimal.getScale() + ")";
            case CHAR:
                int chars = ((CharType) type).getLength();
                return chars <= VARCHAR_MAX ? "CHAR(" + chars + ")" : text(chars, stringKeyColumns);
            case VARCHAR:
                return text(((VarCharType) type).getLength(), stringKeyColumns);
            case BINARY:
                int bytes = ((BinaryType) type).getLength();
                return bytes <= VARCHAR_MAX ? "BINARY(" + bytes + ")" : blob(bytes);
            case VARBINARY:
                int varBytes = ((VarBinaryType) type).getLength();
                return varBytes <= VARCHAR_MAX ? "VARBINARY(" + varBytes + ")" : blob(varBytes);
            case DATE:
                return "DATE";
            case TIME_WITHOUT_TIME_ZONE:
                return "TIME(" + Math.min(6, ((TimeType) type).getPrecision()) + ")";
            case TIMESTAMP_WITHOUT_TIME_ZONE:
                return "DATETIME(" + Math.min(6, ((TimestampType) type).getPrecision()) + ")";
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                // an instant, as the connector writes TIMESTAMP_LTZ (its session is in UTC); the
                // type's range ends in 2038
                return "TIMESTAMP("
                        + Math.min(6, ((LocalZonedTimestampType) type).getPrecision())
                        + ")";
            default:
                throw TypeMapping.unsupported(column, type, DATABASE);
        }
    }

    /**
     * A string column: VARCHAR up to {@link #VARCHAR_MAX} characters, else a text type; in a
     * primary key a VARCHAR of the key's share of the index length.
     */
    private static String text(int length, int stringKeyColumns) {
        if (stringKeyColumns > 0) {
            int share = KEY_CHARS / stringKeyColumns;
            return "VARCHAR(" + Math.min(length, share) + ")";
        }
        if (length <= VARCHAR_MAX) {
            return "VARCHAR(" + length + ")";
        }
        // the text types' limits are bytes: 4 per utf8mb4 character
        return length <= 65_535 / 4 ? "TEXT" : length <= 16_777_215 / 4 ? "MEDIUMTEXT" : "LONGTEXT";
    }

    private static String blob(int length) {
        return length <= 65_535 ? "BLOB" : length <= 16_777_215 ? "MEDIUMBLOB" : "LONGBLOB";
    }

    private static long length(DatabaseColumn column, long otherwise) {
        if (column.length() != null) {
            return column.length();
        }
        // bit(n) reports its size as the numeric precision
        return column.precision() == null ? otherwise : column.precision();
    }

    private static int fraction(DatabaseColumn column) {
        return column.fraction() == null ? 0 : column.fraction();
    }
}
