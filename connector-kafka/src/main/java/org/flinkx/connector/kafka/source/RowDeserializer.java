package org.flinkx.connector.kafka.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.flinkx.connector.common.error.DirtyDataHandler;
import org.flinkx.connector.common.metrics.FlinkxMetrics;
import org.flinkx.connector.common.ratelimit.Throttle;

/**
 * Turns Kafka messages into rows: the key and the value through their formats, placed at their
 * columns, then the metadata columns. A message that cannot be read goes to dirty storage with its
 * topic, partition, offset, key, value and the error, and counts against the error limit; it is
 * never skipped silently. In upsert mode a message without a value is a DELETE of its key.
 *
 * <p>Both formats write into lists first, so that only their own failures count as bad messages,
 * never a failure of the operators the rows go to.
 */
@Internal
public final class RowDeserializer implements KafkaRecordDeserializationSchema<RowData> {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final @Nullable DeserializationSchema<RowData> keyFormat;
    private final DeserializationSchema<RowData> valueFormat;
    private final RowData.FieldGetter[] keyGetters;
    private final int[] keyPositions;
    private final RowData.FieldGetter[] valueGetters;
    private final int[] valuePositions;
    private final int physicalArity;
    private final ReadableMetadata[] metadata;
    private final boolean upsert;
    private final TypeInformation<RowData> producedType;

    private transient List<RowData> keys;
    private transient List<RowData> values;
    private transient Collector<RowData> keyCollector;
    private transient Collector<RowData> valueCollector;
    private transient DirtyDataHandler dirty;
    private transient FlinkxMetrics metrics;
    private transient Throttle throttle;

    /**
     * @param keyPositions where each field of the key format's rows goes in the produced row
     * @param valuePositions where each field of the value format's rows goes (its metadata last)
     * @param physicalArity the produced row's fields before the connector's metadata columns
     */
    public RowDeserializer(
            @Nullable DeserializationSchema<RowData> keyFormat,
            RowData.FieldGetter[] keyGetters,
            int[] keyPositions,
            DeserializationSchema<RowData> valueFormat,
            RowData.FieldGetter[] valueGetters,
            int[] valuePositions,
            int physicalArity,
            ReadableMetadata[] metadata,
            boolean upsert,
            TypeInformation<RowData> producedType) {
        this.keyFormat = keyFormat;
        this.keyGetters = keyGetters;
        this.keyPositions = keyPositions;
        this.valueFormat = valueFormat;
        this.valueGetters = valueGetters;
        this.valuePositions = valuePositions;
        this.physicalArity = physicalArity;
        this.metadata = metadata;
        this.upsert = upsert;
        this.producedType = producedType;
    }

    /** The dirty-data path, metrics and rate limit of the reader this deserializer runs in. */
    void attach(DirtyDataHandler dirty, FlinkxMetrics metrics, @Nullable Throttle throttle) {
        this.dirty = dirty;
        this.metrics = metrics;
        this.throttle = throttle;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) throws Exception {
        if (keyFormat != null) {
            keyFormat.open(context);
        }
        valueFormat.open(context);
        keys = new ArrayList<>(1);
        values = new ArrayList<>(1);
        keyCollector = new ListCollector(keys);
        valueCollector = new ListCollector(values);
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RowData> out)
            throws IOException {
        if (dirty == null) {
            throw new IllegalStateException(
                    "The deserializer runs outside FlinkX's Kafka source reader");
        }
        int bytes =
                Math.max(0, record.serializedKeySize()) + Math.max(0, record.serializedValueSize());
        if (throttle != null) {
            try {
                throttle.acquire(1, bytes);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while rate-limited", e);
            }
        }
        keys.clear();
        values.clear();
        try {
            if (keyFormat != null) {
                keyFormat.deserialize(record.key(), keyCollector);
                if (keys.isEmpty()) {
                    throw new IOException("The key format read no row from the message's key");
                }
            }
            if (record.value() == null && upsert) {
                values.add(null); // a DELETE of the key
            } else {
                valueFormat.deserialize(record.value(), valueCollector);
            }
        } catch (Exception e) {
            dirty.handle(location(record), describe(record), "deserialization", e);
            return;
        }
        dirty.recordsProcessed(1);
        metrics.records(1, bytes);
        for (RowData value : values) {
            if (keyFormat == null) {
                out.collect(row(null, value, record));
            } else {
                for (RowData key : keys) {
                    out.collect(row(key, value, record));
                }
            }
        }
    }

    private RowData row(
            @Nullable RowData key, @Nullable RowData value, ConsumerRecord<byte[], byte[]> record) {
        RowKind kind = value == null ? RowKind.DELETE : value.getRowKind();
        GenericRowData row = new GenericRowData(kind, physicalArity + metadata.length);
        if (key != null) {
            for (int i = 0; i < keyPositions.length; i++) {
                row.setField(keyPositions[i], keyGetters[i].getFieldOrNull(key));
            }
        }
        if (value != null) {
            for (int i = 0; i < valuePositions.length; i++) {
                row.setField(valuePositions[i], valueGetters[i].getFieldOrNull(value));
            }
        }
        for (int i = 0; i < metadata.length; i++) {
            row.setField(physicalArity + i, metadata[i].read(record));
        }
        return row;
    }

    @Override
    public TypeInformation<RowData> getProducedType() {
        return producedType;
    }

    private static String location(ConsumerRecord<byte[], byte[]> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    /** The message as dirty storage keeps it: where it was, its key, value and headers. */
    static String describe(ConsumerRecord<byte[], byte[]> record) {
        ObjectNode node = JSON.createObjectNode();
        node.put("topic", record.topic());
        node.put("partition", record.partition());
        node.put("offset", record.offset());
        node.put("timestamp", record.timestamp());
        bytes(node, "key", record.key());
        bytes(node, "value", record.value());
        ObjectNode headers = node.putObject("headers");
        for (Header header : record.headers()) {
            bytes(headers, header.key(), header.value());
        }
        return node.toString();
    }

    /** Text when the bytes are UTF-8, else {@code <name>_base64}. */
    private static void bytes(ObjectNode node, String name, @Nullable byte[] bytes) {
        if (bytes == null) {
            node.putNull(name);
            return;
        }
        try {
            node.put(
                    name,
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(bytes))
                            .toString());
        } catch (CharacterCodingException e) {
            node.put(name + "_base64", Base64.getEncoder().encodeToString(bytes));
        }
    }

    /** Collects a format's rows into a list. */
    private record ListCollector(List<RowData> rows) implements Collector<RowData> {
        @Override
        public void collect(RowData row) {
            rows.add(row);
        }

        @Override
        public void close() {}
    }
}
