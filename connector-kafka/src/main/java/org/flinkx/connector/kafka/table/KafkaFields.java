package org.flinkx.connector.kafka.table;

import static org.apache.flink.streaming.connectors.kafka.table.KafkaConnectorOptions.KEY_FIELDS;
import static org.apache.flink.streaming.connectors.kafka.table.KafkaConnectorOptions.KEY_FIELDS_PREFIX;
import static org.apache.flink.streaming.connectors.kafka.table.KafkaConnectorOptions.KEY_FORMAT;
import static org.apache.flink.streaming.connectors.kafka.table.KafkaConnectorOptions.VALUE_FIELDS_INCLUDE;

import java.io.Serializable;
import java.util.List;
import java.util.stream.IntStream;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.streaming.connectors.kafka.table.KafkaConnectorOptions.ValueFieldsStrategy;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.RowType;

/**
 * Which columns a message's key and value carry: {@code key.fields} (in upsert mode the primary
 * key), {@code key.fields-prefix}, {@code value.fields-include}; the rules are the official Kafka
 * connector's.
 *
 * @param key positions of the key's columns in the table's physical row, in key order
 * @param value positions of the value's columns
 * @param keyPrefix stripped from the key columns' names for the key format, or null
 */
@Internal
record KafkaFields(int[] key, int[] value, @Nullable String keyPrefix) implements Serializable {

    static KafkaFields of(
            ReadableConfig config, DataType physical, @Nullable List<String> primaryKey) {
        RowType row = (RowType) physical.getLogicalType();
        List<String> names = row.getFieldNames();
        String prefix =
                config.getOptional(KEY_FIELDS_PREFIX).filter(p -> !p.isEmpty()).orElse(null);
        List<String> keyFields =
                primaryKey != null ? primaryKey : config.getOptional(KEY_FIELDS).orElse(List.of());
        if (primaryKey != null
                && config.getOptional(KEY_FIELDS).isPresent()
                && !config.get(KEY_FIELDS).equals(primaryKey)) {
            throw new ValidationException(
                    String.format(
                            "In upsert mode the message key is the primary key %s; '%s' = %s "
                                    + "differs. Leave '%s' out.",
                            primaryKey,
                            KEY_FIELDS.key(),
                            config.get(KEY_FIELDS),
                            KEY_FIELDS.key()));
        }
        boolean keyFormat = config.getOptional(KEY_FORMAT).isPresent();
        if (!keyFields.isEmpty() && !keyFormat) {
            throw new ValidationException(
                    String.format(
                            primaryKey != null
                                    ? "A primary key makes this an upsert table, whose key needs "
                                            + "'%s' (e.g. 'json')."
                                    : "'%2$s' needs '%1$s'.",
                            KEY_FORMAT.key(),
                            KEY_FIELDS.key()));
        }
        if (keyFields.isEmpty() && keyFormat) {
            throw new ValidationException(
                    String.format("'%s' needs '%s'.", KEY_FORMAT.key(), KEY_FIELDS.key()));
        }
        int[] key = new int[keyFields.size()];
        for (int i = 0; i < key.length; i++) {
            String field = keyFields.get(i);
            key[i] = names.indexOf(field);
            if (key[i] < 0) {
                throw new ValidationException(
                        String.format(
                                "Key column '%s' of '%s' is not a physical column; columns: %s.",
                                field, KEY_FIELDS.key(), names));
            }
            if (prefix != null && !field.startsWith(prefix)) {
                throw new ValidationException(
                        String.format(
                                "Key column '%s' does not start with '%s' = '%s'.",
                                field, KEY_FIELDS_PREFIX.key(), prefix));
            }
        }
        ValueFieldsStrategy strategy = config.get(VALUE_FIELDS_INCLUDE);
        if (prefix != null && strategy == ValueFieldsStrategy.ALL) {
            throw new ValidationException(
                    String.format(
                            "'%s' needs '%s' = 'EXCEPT_KEY'.",
                            KEY_FIELDS_PREFIX.key(), VALUE_FIELDS_INCLUDE.key()));
        }
        int[] value =
                strategy == ValueFieldsStrategy.ALL
                        ? IntStream.range(0, names.size()).toArray()
                        : IntStream.range(0, names.size())
                                .filter(p -> IntStream.of(key).noneMatch(k -> k == p))
                                .toArray();
        return new KafkaFields(key, value, prefix);
    }

    boolean hasKey() {
        return key.length > 0;
    }

    /** The key format's row type: the key columns, their names without the prefix. */
    DataType keyType(DataType physical) {
        List<DataTypes.Field> fields = new java.util.ArrayList<>();
        List<DataTypes.Field> all = DataType.getFields(physical);
        for (int position : key) {
            DataTypes.Field field = all.get(position);
            String name = field.getName();
            if (keyPrefix != null) {
                name = name.substring(keyPrefix.length());
            }
            fields.add(DataTypes.FIELD(name, field.getDataType()));
        }
        return DataTypes.ROW(fields).notNull();
    }

    /** The value format's row type. */
    DataType valueType(DataType physical) {
        List<DataTypes.Field> all = DataType.getFields(physical);
        List<DataTypes.Field> fields = new java.util.ArrayList<>();
        for (int position : value) {
            fields.add(all.get(position));
        }
        return DataTypes.ROW(fields).notNull();
    }
}
