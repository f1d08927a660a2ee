package org.flinkx.connector.binlog.config;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.DataType;

/** The metadata columns of {@code flinkx-binlog} ({@code METADATA FROM '<key>' VIRTUAL}). */
@PublicEvolving
public enum BinlogMetadata {
    DATABASE_NAME(
            "database_name", DataTypes.STRING().notNull(), "The database of the changed row."),
    TABLE_NAME("table_name", DataTypes.STRING().notNull(), "The table of the changed row."),
    OP_TS(
            "op_ts",
            DataTypes.TIMESTAMP_LTZ(3).notNull(),
            "When the change was committed (binlog event time); the read time for snapshot rows.");

    private final String key;
    private final DataType type;
    private final String description;

    BinlogMetadata(String key, DataType type, String description) {
        this.key = key;
        this.type = type;
        this.description = description;
    }

    public String key() {
        return key;
    }

    public DataType type() {
        return type;
    }

    public String description() {
        return description;
    }

    public static BinlogMetadata of(String key) {
        for (BinlogMetadata m : values()) {
            if (m.key.equals(key)) {
                return m;
            }
        }
        throw new IllegalArgumentException("Unknown metadata key " + key);
    }
}
