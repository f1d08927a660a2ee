package org.flinkx.connector.jdbc.source.enumerator;

import java.util.List;
import java.util.Map;
import org.apache.flink.annotation.Internal;
import org.flinkx.connector.jdbc.source.split.JdbcSourceSplit;

/**
 * What the enumerator checkpoints: the splits not yet assigned, whether the initial splits were
 * planned, and for polling the high-water mark of each table (key {@code shard/table}) with the
 * number of polls so far (for unique split ids).
 */
@Internal
public record JdbcEnumState(
        List<JdbcSourceSplit> pendingSplits,
        boolean initialized,
        Map<String, Object> highWaterMarks,
        long pollRound) {

    public static JdbcEnumState initial() {
        return new JdbcEnumState(List.of(), false, Map.of(), 0);
    }
}
