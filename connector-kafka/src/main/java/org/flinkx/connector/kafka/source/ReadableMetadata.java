package org.flinkx.connector.kafka.source;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.GenericMapData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.DataType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The metadata columns a {@code flinkx-kafka} source reads: the official Kafka connector's keys and
 * types, and the message's raw {@code key}.
 */
@Internal
public enum ReadableMetadata {
    TOPIC("topic", DataTypes.STRING().notNull(), r -> StringData.fromString(r.topic())),
    PARTITION("partition", DataTypes.INT().notNull(), ConsumerRecord::partition),
    HEADERS(
            "headers",
            DataTypes.MAP(DataTypes.STRING().nullable(), DataTypes.BYTES().nullable()).notNull(),
            ReadableMetadata::headers),
    LEADER_EPOCH("leader-epoch", DataTypes.INT().nullable(), r -> r.leaderEpoch().orElse(null)),
    OFFSET("offset", DataTypes.BIGINT().notNull(), ConsumerRecord::offset),
    TIMESTAMP(
            "timestamp",
            DataTypes.TIMESTAMP_WITH_LOCAL_TIME_ZONE(3).notNull(),
            r -> TimestampData.fromEpochMillis(r.timestamp())),
    TIMESTAMP_TYPE(
            "timestamp-type",
            DataTypes.STRING().notNull(),
            r -> StringData.fromString(r.timestampType().toString())),
    KEY("key", DataTypes.BYTES().nullable(), ConsumerRecord::key);

    /** Reads one metadata value of a message. */
    @FunctionalInterface
    interface Reader extends Serializable {
        Object read(ConsumerRecord<byte[], byte[]> record);
    }

    private final String key;
    private final DataType type;
    private final Reader reader;

    ReadableMetadata(String key, DataType type, Reader reader) {
        this.key = key;
        this.type = type;
        this.reader = reader;
    }

    public String key() {
        return key;
    }

    public DataType type() {
        return type;
    }

    Object read(ConsumerRecord<byte[], byte[]> record) {
        return reader.read(record);
    }

    public static ReadableMetadata of(String key) {
        for (ReadableMetadata metadata : values()) {
            if (metadata.key.equals(key)) {
                return metadata;
            }
        }
        throw new IllegalArgumentException("No metadata column '" + key + "'");
    }

    private static GenericMapData headers(ConsumerRecord<byte[], byte[]> record) {
        Map<StringData, byte[]> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(StringData.fromString(header.key()), header.value());
        }
        return new GenericMapData(headers);
    }
}
