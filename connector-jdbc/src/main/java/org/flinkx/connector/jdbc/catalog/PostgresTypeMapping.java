package org.flinkx.connector.jdbc.catalog;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.CharType;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.LocalZonedTimestampType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.TimeType;
import org.apache.flink.table.types.logical.TimestampType;
import org.apache.flink.table.types.logical.VarCharType;

/**
 * PostgreSQL types, mapped as Flink's JDBC connector maps them, and a few more: {@code numeric}
 * without a precision becomes DECIMAL(38, 18), {@code timestamptz} TIMESTAMP_LTZ, arrays ARRAY of
 * their element, and {@code json}, {@code jsonb}, {@code uuid}, {@code xml}, {@code inet} STRING
 * (the sink binds strings untyped, so the server casts them back).
 */
@Internal
public final class PostgresTypeMapping implements TypeMapping {

    private static final String DATABASE = "PostgreSQL";

    @Override
    public DataType toFlink(String table, DatabaseColumn column) {
        String type = column.dataType();
        if (type.startsWith("_")) {
            DatabaseColumn element =
                    new DatabaseColumn(
                            column.name(),
                            type.substring(1),
                            type.substring(1),
                            null,
                            null,
                            null,
                            null,
                            null,
                            true);
            return DataTypes.ARRAY(toFlink(table, element));
        }
        switch (type) {
            case "bool":
                return DataTypes.BOOLEAN();
            case "bit":
                return column.length() == null || column.length() == 1
                        ? DataTypes.BOOLEAN()
                        : DataTypes.BYTES();
            case "int2":
                return DataTypes.SMALLINT();
            case "int4":
                return DataTypes.INT();
            case "int8":
                return DataTypes.BIGINT();
            case "float4":
                return DataTypes.FLOAT();
            case "float8":
                return DataTypes.DOUBLE();
            case "numeric":
                Integer precision = column.precision();
                if (precision == null || precision == 0) {
                    return DataTypes.DECIMAL(DecimalType.MAX_PRECISION, 18);
                }
                return precision <= DecimalType.MAX_PRECISION
                        ? DataTypes.DECIMAL(precision, column.scale() == null ? 0 : column.scale())
                        : DataTypes.STRING();
            case "bpchar":
                return column.length() == null
                        ? DataTypes.STRING()
                        : DataTypes.CHAR(column.length().intValue());
            case "varchar":
                return column.length() == null
                        ? DataTypes.STRING()
                        : DataTypes.VARCHAR(column.length().intValue());
            case "text":
            case "name":
            case "json":
            case "jsonb":
            case "uuid":
            case "xml":
            case "inet":
            case "cidr":
            case "macaddr":
                return DataTypes.STRING();
            case "bytea":
                return DataTypes.BYTES();
            case "date":
                return DataTypes.DATE();
            case "time":
                return DataTypes.TIME(fraction(column));
            case "timestamp":
                return DataTypes.TIMESTAMP(fraction(column));
            case "timestamptz":
                return DataTypes.TIMESTAMP_LTZ(fraction(column));
            default:
                throw TypeMapping.unsupported(table, column, DATABASE);
        }
    }

    @Override
    public String toDatabase(String column, LogicalType type, int stringKeyColumns) {
        switch (type.getTypeRoot()) {
            case BOOLEAN:
                return "boolean";
            case TINYINT:
            case SMALLINT:
                return "smallint";
            case INTEGER:
                return "integer";
            case BIGINT:
                return "bigint";
            case FLOAT:
                return "real";
            case DOUBLE:
                return "double precision";
            case DECIMAL:
                DecimalType decimal = (DecimalType) type;
                return "numeric(" + decimal.getPrecision() + ", " + decimal.getScale() + ")";
            case CHAR:
                return "char(" + ((CharType) type).getLength() + ")";
            case VARCHAR:
                int length = ((VarCharType) type).getLength();
                // PostgreSQL's limit on varchar(n) is 10485760
                return length <= 10_485_760 ? "varchar(" + length + ")" : "text";
            case BINARY:
            case VARBINARY:
                return "bytea";
            case DATE:
                return "date";
            case TIME_WITHOUT_TIME_ZONE:
                return "time(" + Math.min(6, ((TimeType) type).getPrecision()) + ")";
            case TIMESTAMP_WITHOUT_TIME_ZONE:
                return "timestamp(" + Math.min(6, ((TimestampType) type).getPrecision()) + ")";
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                return "timestamptz("
                        + Math.min(6, ((LocalZonedTimestampType) type).getPrecision())
                        + ")";
            case ARRAY:
                LogicalType element = ((ArrayType) type).getElementType();
                if (element.getTypeRoot()
                        == org.apache.flink.table.types.logical.LogicalTypeRoot.ARRAY) {
                    throw TypeMapping.unsupported(column, type, DATABASE);
                }
                return toDatabase(column, element, 0) + "[]";
            default:
                throw TypeMapping.unsupported(column, type, DATABASE);
        }
    }

    private static int fraction(DatabaseColumn column) {
        return column.fraction() == null ? 6 : column.fraction();
    }
}
