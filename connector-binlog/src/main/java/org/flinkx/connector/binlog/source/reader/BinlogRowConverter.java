package org.flinkx.connector.binlog.source.reader;

import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.flinkx.connector.binlog.config.BinlogMetadata;
import org.flinkx.connector.common.convert.FlinkValues;

/**
 * Turns the {@code before}/{@code after} structs of Debezium change events into rows of the table's
 * declared columns, matched by name (case-insensitively when no exact match exists), plus the
 * metadata columns. Values are converted by the declared type from Debezium's representations
 * ({@code io.debezium.time.*}, Connect decimals, byte buffers). A declared column that the captured
 * table does not have (any more) is an error naming both: never a silently wrong row — except in
 * the row of a delete that a catch-up emits for a row gone from the source ({@link #convertOlder}),
 * whose event may be older than a column the job reads the table again for.
 */
final class BinlogRowConverter implements Serializable {

    private static final long serialVersionUID = 1L;

    private final RowType physical;
    private final List<BinlogMetadata> metadata;
    private final String[] names;
    private final LogicalType[] types;
    // the fields of the declared columns in the last schema seen (Debezium reuses a table's schema)
    private transient Schema lastSchema;
    private transient Field[] lastFields;

    BinlogRowConverter(RowType physical, List<BinlogMetadata> metadata) {
        this.physical = physical;
        this.metadata = metadata;
        this.names = physical.getFieldNames().toArray(new String[0]);
        this.types = physical.getChildren().toArray(new LogicalType[0]);
    }

    GenericRowData convert(Struct row, String database, String table, long timestampMillis) {
        return convert(
                row, fields(row.schema(), database, table), database, table, timestampMillis);
    }

    /**
     * The row of an event that may be older than some declared columns: the delete of a row gone
     * from the source, in a catch-up window (see {@code SourceRowLookup}), from before the {@code
     * ADD COLUMN} that made the job read the table again. Those columns are null: the row did not
     * have them, and the delete names the row by its key.
     */
    GenericRowData convertOlder(Struct row, String database, String table, long timestampMillis) {
        Field[] fields = new Field[names.length];
        for (int i = 0; i < names.length; i++) {
            fields[i] = field(row.schema(), names[i]);
        }
        return convert(row, fields, database, table, timestampMillis);
    }

    private GenericRowData convert(
            Struct row, Field[] fields, String database, String table, long timestampMillis) {
        int arity = names.length;
        GenericRowData out = new GenericRowData(arity + metadata.size());
        for (int i = 0; i < arity; i++) {
            Field field = fields[i];
            if (field == null) {
                continue; // convertOlder: a column added after the event
            }
            Object value = row.get(field);
            try {
                out.setField(i, value == null ? null : convert(value, field.schema(), types[i]));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(
                        String.format(
                                "Column '%s' of %s.%s: cannot read %s (%s) as %s: %s",
                                names[i],
                                database,
                                table,
                                value,
                                field.schema().name() == null
                                        ? field.schema().type()
                                        : field.schema().name(),
                                types[i],
                                e.getMessage()),
                        e);
            }
        }
        for (int m = 0; m < metadata.size(); m++) {
            out.setField(
                    arity + m, metadataValue(metadata.get(m), database, table, timestampMillis));
        }
        return out;
    }

    private Field[] fields(Schema schema, String database, String table) {
        if (schema == lastSchema) {
            return lastFields;
        }
        Field[] fields = new Field[names.length];
        for (int i = 0; i < names.length; i++) {
            fields[i] = field(schema, names[i]);
            if (fields[i] == null) {
                throw missingColumn(names[i], database, table);
            }
        }
        lastSchema = schema;
        lastFields = fields;
        return fields;
    }

    static Object metadataValue(
            BinlogMetadata key, String database, String table, long timestampMillis) {
        switch (key) {
            case DATABASE_NAME:
                return StringData.fromString(database);
            case TABLE_NAME:
                return StringData.fromString(table);
            case OP_TS:
                return TimestampData.fromEpochMillis(timestampMillis);
            default:
                throw new IllegalStateException("Unknown metadata " + key);
        }
    }

    /** A declared column the captured table does not have: fails the job, naming both. */
    static IllegalStateException missingColumn(String column, String database, String table) {
        return new IllegalStateException(
                String.format(
                        "Column '%s' is declared in the Flink table but %s.%s has no such column (any "
                                + "more): a schema change removed or renamed it. Declare only columns "
                                + "every captured table has, or restart the job with the new schema.",
                        column, database, table));
    }

    private static Field field(Schema schema, String name) {
        Field exact = schema.field(name);
        if (exact != null) {
            return exact;
        }
        for (Field f : schema.fields()) {
            if (f.name().equalsIgnoreCase(name)) {
                return f;
            }
        }
        return null;
    }

    /**
     * Decodes Debezium's representation of a value ({@code io.debezium.time.*} semantic types,
     * Connect decimals, byte buffers) and turns it into the declared type's internal value by the
     * shared rules of {@link FlinkValues}, the rules the snapshot's JDBC reads follow too.
     */
    static Object convert(Object value, Schema schema, LogicalType type) {
        String semantic = schema.name();
        if (FlinkValues.isNumber(type)) {
            return FlinkValues.number((Number) value, type);
        }
        switch (type.getTypeRoot()) {
            case BOOLEAN:
                return FlinkValues.bool(value);
            case DECIMAL:
                return FlinkValues.decimal(
                        value instanceof BigDecimal bd ? bd : new BigDecimal(value.toString()),
                        (DecimalType) type);
            case CHAR:
            case VARCHAR:
                return value instanceof ByteBuffer buffer
                        ? FlinkValues.stringOfUtf8(buffer)
                        : FlinkValues.string(value.toString());
            case BINARY:
            case VARBINARY:
                return FlinkValues.binary(value);
            case DATE:
                if ("io.debezium.time.Date".equals(semantic) || value instanceof Integer) {
                    return ((Number) value).intValue();
                }
                return FlinkValues.date(LocalDate.parse(value.toString()));
            case TIME_WITHOUT_TIME_ZONE:
                if ("io.debezium.time.MicroTime".equals(semantic)) {
                    return FlinkValues.timeOfMicros(((Number) value).longValue());
                }
                if ("io.debezium.time.NanoTime".equals(semantic)) {
                    return FlinkValues.timeOfNanos(((Number) value).longValue());
                }
                return ((Number) value).intValue();
            case TIMESTAMP_WITHOUT_TIME_ZONE:
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                // Debezium encodes DATETIME as its wall time in UTC and TIMESTAMP as an instant:
                // as epoch values both are what TimestampData holds for either Flink type
                return timestamp(value, semantic);
            default:
                throw FlinkValues.unsupported(type);
        }
    }

    private static TimestampData timestamp(Object value, String semantic) {
        if ("io.debezium.time.Timestamp".equals(semantic)) {
            return FlinkValues.timestampOfEpochMillis(((Number) value).longValue());
        }
        if ("io.debezium.time.MicroTimestamp".equals(semantic)) {
            return FlinkValues.timestampOfEpochMicros(((Number) value).longValue());
        }
        if ("io.debezium.time.NanoTimestamp".equals(semantic)) {
            return FlinkValues.timestampOfEpochNanos(((Number) value).longValue());
        }
        if ("io.debezium.time.ZonedTimestamp".equals(semantic)) {
            return FlinkValues.timestamp(
                    DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(value.toString(), Instant::from));
        }
        if (value instanceof java.util.Date date) {
            return FlinkValues.timestampOfEpochMillis(date.getTime());
        }
        throw new IllegalArgumentException("not a timestamp: " + semantic);
    }
}
