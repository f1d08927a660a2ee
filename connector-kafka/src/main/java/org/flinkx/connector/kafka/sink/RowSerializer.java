package org.flinkx.connector.kafka.sink;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaPartitioner;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.MapData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.types.RowKind;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.flinkx.connector.common.dirty.RowText;
import org.flinkx.connector.common.error.DirtyDataHandler;
import org.flinkx.connector.common.metrics.FlinkxMetrics;
import org.flinkx.connector.common.options.RateLimit;
import org.flinkx.connector.common.ratelimit.Throttle;

/**
 * Turns rows into Kafka messages: the key and value columns through their formats, the topic,
 * headers and timestamp from metadata columns, the partition from the partitioner (none: Kafka's
 * own, by key). In upsert mode a DELETE (or the retraction of an update) is a tombstone of its key.
 * A row its formats cannot write goes to dirty storage with the error and counts against the error
 * limit; the Kafka sink skips it.
 */
@Internal
public final class RowSerializer implements KafkaRecordSerializationSchema<RowData> {

    private static final long serialVersionUID = 1L;

    /** Positions of the writable metadata columns in the consumed row, -1 when not declared. */
    public record MetadataPositions(int topic, int headers, int timestamp)
            implements java.io.Serializable {}

    private final @Nullable List<String> topics;
    private final @Nullable Pattern topicPattern;
    private final @Nullable KafkaPartitioner<RowData> partitioner;
    private final @Nullable SerializationSchema<RowData> keyFormat;
    private final SerializationSchema<RowData> valueFormat;
    private final RowData.FieldGetter[] keyGetters;
    private final RowData.FieldGetter[] valueGetters;
    private final MetadataPositions metadata;

    /** Whether rows carry no writable metadata (then a row without a key format goes as it is). */
    private final boolean metadataFree;

    private final boolean upsert;
    private final RateLimit rateLimit;
    private final RowText rowText;

    private transient DirtyDataHandler dirty;
    private transient FlinkxMetrics metrics;
    private transient Throttle throttle;

    public RowSerializer(
            @Nullable List<String> topics,
            @Nullable Pattern topicPattern,
            @Nullable KafkaPartitioner<RowData> partitioner,
            @Nullable SerializationSchema<RowData> keyFormat,
            RowData.FieldGetter[] keyGetters,
            SerializationSchema<RowData> valueFormat,
            RowData.FieldGetter[] valueGetters,
            MetadataPositions metadata,
            boolean upsert,
            RateLimit rateLimit,
            RowText rowText) {
        this.topics = topics;
        this.topicPattern = topicPattern;
        this.partitioner = partitioner;
        this.keyFormat = keyFormat;
        this.keyGetters = keyGetters;
        this.valueFormat = valueFormat;
        this.valueGetters = valueGetters;
        this.metadata = metadata;
        this.metadataFree =
                metadata.topic() < 0 && metadata.headers() < 0 && metadata.timestamp() < 0;
        this.upsert = upsert;
        this.rateLimit = rateLimit;
        this.rowText = rowText;
    }

    @Override
    public void open(SerializationSchema.InitializationContext context, KafkaSinkContext sink)
            throws Exception {
        if (keyFormat != null) {
            keyFormat.open(context);
        }
        valueFormat.open(context);
        if (partitioner != null) {
            partitioner.open(sink.getParallelInstanceId(), sink.getNumberOfParallelInstances());
        }
        if (dirty == null) {
            throw new IllegalStateException(
                    "The serializer runs outside FlinkX's Kafka sink writer");
        }
        throttle = Throttle.of(rateLimit);
    }

    /** The dirty-data path and metrics of the writer this serializer runs in. */
    void attach(DirtyDataHandler dirty, FlinkxMetrics metrics) {
        this.dirty = dirty;
        this.metrics = metrics;
    }

    @Override
    public @Nullable ProducerRecord<byte[], byte[]> serialize(
            RowData row, KafkaSinkContext context, Long timestamp) {
        String topic;
        byte[] key;
        byte[] value;
        try {
            topic = topic(row);
            key = keyFormat == null ? null : keyFormat.serialize(project(row, keyGetters, true));
            boolean tombstone =
                    upsert
                            && (row.getRowKind() == RowKind.DELETE
                                    || row.getRowKind() == RowKind.UPDATE_BEFORE);
            value =
                    tombstone
                            ? null
                            : valueFormat.serialize(
                                    keyFormat == null && metadataFree
                                            ? row
                                            : project(row, valueGetters, upsert));
        } catch (Exception e) {
            handle(row, e);
            return null; // the Kafka writer skips it
        }
        dirty.recordsProcessed(1);
        int bytes = (key == null ? 0 : key.length) + (value == null ? 0 : value.length);
        metrics.records(1, bytes);
        if (throttle != null) {
            try {
                throttle.acquire(1, bytes);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while rate-limited", e);
            }
        }
        Integer partition =
                partitioner == null
                        ? null
                        : partitioner.partition(
                                row, key, value, topic, context.getPartitionsForTopic(topic));
        return new ProducerRecord<>(topic, partition, timestamp(row), key, value, headers(row));
    }

    private void handle(RowData row, Exception error) {
        try {
            dirty.handle(
                    topics != null ? String.join(",", topics) : topicPattern.pattern(),
                    rowText.render(row),
                    "serialization",
                    error);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The columns a format writes; upserts as INSERT, other rows keep their change kind. */
    private static RowData project(RowData row, RowData.FieldGetter[] getters, boolean asInsert) {
        GenericRowData projected =
                new GenericRowData(asInsert ? RowKind.INSERT : row.getRowKind(), getters.length);
        for (int i = 0; i < getters.length; i++) {
            projected.setField(i, getters[i].getFieldOrNull(row));
        }
        return projected;
    }

    private String topic(RowData row) {
        if (topics != null && topics.size() == 1) {
            return topics.get(0);
        }
        if (metadata.topic() < 0 || row.isNullAt(metadata.topic())) {
            throw new IllegalArgumentException(
                    "The row has no 'topic' metadata value, and the table has no single 'topic'");
        }
        String topic = row.getString(metadata.topic()).toString();
        boolean allowed =
                topics != null ? topics.contains(topic) : topicPattern.matcher(topic).matches();
        if (!allowed) {
            throw new IllegalArgumentException(
                    "Topic '"
                            + topic
                            + "' is not in the table's "
                            + (topics != null ? "'topic' list " + topics : "'topic-pattern'"));
        }
        return topic;
    }

    private @Nullable Long timestamp(RowData row) {
        if (metadata.timestamp() < 0 || row.isNullAt(metadata.timestamp())) {
            return null;
        }
        return row.getTimestamp(metadata.timestamp(), 3).getMillisecond();
    }

    private @Nullable Iterable<Header> headers(RowData row) {
        if (metadata.headers() < 0 || row.isNullAt(metadata.headers())) {
            return null;
        }
        MapData map = row.getMap(metadata.headers());
        ArrayData keys = map.keyArray();
        ArrayData values = map.valueArray();
        List<Header> headers = new ArrayList<>(map.size());
        for (int i = 0; i < map.size(); i++) {
            if (!keys.isNullAt(i) && !values.isNullAt(i)) {
                headers.add(new RecordHeader(keys.getString(i).toString(), values.getBinary(i)));
            }
        }
        return headers;
    }
}
