package org.flinkx.connector.binlog.source.split;

import java.util.List;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;

/**
 * The binlog stream: one split, read by one reader. It carries Debezium's source offset of the last
 * row emitted (JSON; null before the first row), the schema history the reader needs to interpret
 * events from there on and, after a chunked snapshot, the chunks it read: a change to a row of a
 * chunk is emitted only if it comes at or after the chunk's position (the chunk has the earlier
 * ones). The chunks are dropped once the stream has passed the last chunk's position.
 */
@Internal
public record BinlogSplit(
        @Nullable String offset, List<String> schemaHistory, List<SnapshotChunk> snapshotChunks)
        implements BinlogSourceSplit {

    public static final String ID = "binlog";

    public BinlogSplit(@Nullable String offset, List<String> schemaHistory) {
        this(offset, schemaHistory, List.of());
    }

    @Override
    public String splitId() {
        return ID;
    }
}
