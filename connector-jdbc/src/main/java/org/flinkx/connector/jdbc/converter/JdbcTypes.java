package org.flinkx.connector.jdbc.converter;

import static org.apache.flink.table.types.logical.LogicalTypeRoot.*;

import java.util.EnumSet;
import java.util.Set;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.flinkx.connector.common.convert.FlinkValues;
import org.flinkx.connector.jdbc.dialect.JdbcDialect;

/**
 * Which Flink types the JDBC connector converts, checked at planning: the shared scalars ({@link
 * FlinkValues#SCALARS}) and, where the dialect has them, ARRAYs of them.
 */
@Internal
public final class JdbcTypes {

    private static final Set<org.apache.flink.table.types.logical.LogicalTypeRoot> OFFSET_TYPES =
            EnumSet.of(
                    TINYINT,
                    SMALLINT,
                    INTEGER,
                    BIGINT,
                    DECIMAL,
                    FLOAT,
                    DOUBLE,
                    CHAR,
                    VARCHAR,
                    DATE,
                    TIMESTAMP_WITHOUT_TIME_ZONE,
                    TIMESTAMP_WITH_LOCAL_TIME_ZONE);

    /**
     * Whether a column of this type can order a split and hold its read offset (partition,
     * incremental and resume columns): numbers, strings, dates and timestamps.
     */
    public static boolean canHoldOffset(LogicalType type) {
        return OFFSET_TYPES.contains(type.getTypeRoot());
    }

    /**
     * Fails with the column name and type when a column has a type this connector cannot convert.
     */
    public static void validate(RowType rowType, JdbcDialect dialect) {
        for (RowType.RowField field : rowType.getFields()) {
            LogicalType type = field.getType();
            boolean supported =
                    FlinkValues.isScalar(type)
                            || (type instanceof ArrayType array
                                    && dialect.supportsArrays()
                                    && FlinkValues.isScalar(array.getElementType()));
            if (!supported) {
                throw new ValidationException(
                        String.format(
                                "Column '%s' has type %s, which the %s dialect cannot read or write. "
                                        + "Supported: %s%s.",
                                field.getName(),
                                type.asSummaryString(),
                                dialect.name(),
                                FlinkValues.SCALAR_NAMES,
                                dialect.supportsArrays() ? " and ARRAYs of them" : ""));
            }
        }
    }

    private JdbcTypes() {}
}
