package org.flinkx.connector.binlog.debezium;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.apache.flink.annotation.Internal;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.storage.MemoryOffsetBackingStore;

/**
 * Debezium's offset store inside a FlinkX split: starts with the offset the split holds (from a
 * checkpoint, or computed from the startup mode) and keeps what the engine writes in memory only.
 * The offset that counts is the one of the last row emitted, which the split state keeps; the
 * engine's own flushes do not matter.
 */
@Internal
public final class FlinkxOffsetStore extends MemoryOffsetBackingStore {

    /** Engine property: the starting offset as JSON (Debezium's source offset map). */
    public static final String OFFSET = "offset.storage.flinkx.offset";

    /** Engine property: the partition of the offset as JSON, e.g. {@code {"server":"flinkx"}}. */
    public static final String PARTITION = "offset.storage.flinkx.partition";

    @Override
    public void configure(WorkerConfig config) {
        super.configure(config);
        Map<String, Object> originals = config.originals();
        Object offset = originals.get(OFFSET);
        if (offset == null || offset.toString().isBlank()) {
            return;
        }
        String engine = String.valueOf(originals.get("name"));
        String partition = String.valueOf(originals.get(PARTITION));
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "false"), true);
        Object partitionMap =
                converter.toConnectData("", partition.getBytes(StandardCharsets.UTF_8)).value();
        byte[] key = converter.fromConnectData(engine, null, Arrays.asList(engine, partitionMap));
        data.put(
                ByteBuffer.wrap(key),
                ByteBuffer.wrap(offset.toString().getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public Set<Map<String, Object>> connectorPartitions(String connectorName) {
        return Set.of();
    }
}
