package org.flinkx.connector.binlog.source.split;

import java.math.BigInteger;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;
import org.flinkx.connector.binlog.debezium.BinlogPositions;
import org.flinkx.connector.binlog.debezium.FlinkxSchemaHistory;

/**
 * The binlog split while it is read: Debezium's offset of the last emitted row (encoded to JSON
 * only when a checkpoint takes it), the schema history instance of the running engine and the
 * chunks of a chunked snapshot, by table and lower key bound, until the stream passes the last
 * chunk's position.
 */
@Internal
public final class BinlogSplitState implements SplitState {

    private final String historyInstance;
    private String offsetJson;
    private Map<String, ?> offset;
    private Map<String, ?> encoded;
    private List<SnapshotChunk> chunks;
    private final Map<String, NavigableMap<BigInteger, SnapshotChunk>> chunksByTable =
            new HashMap<>();
    @Nullable private BinlogPosition lastChunkPosition;

    public BinlogSplitState(BinlogSplit split, String historyInstance) {
        this.offsetJson = split.offset();
        this.historyInstance = historyInstance;
        this.chunks = split.snapshotChunks();
        for (SnapshotChunk chunk : chunks) {
            chunksByTable
                    .computeIfAbsent(
                            chunk.database() + "." + chunk.table(),
                            t -> new TreeMap<>(Comparator.nullsFirst(Comparator.naturalOrder())))
                    .put(chunk.lo(), chunk);
            if (lastChunkPosition == null || chunk.position().compareTo(lastChunkPosition) > 0) {
                lastChunkPosition = chunk.position();
            }
        }
    }

    public void moveTo(Map<String, ?> offset) {
        this.offset = offset;
    }

    public boolean hasSnapshotChunks() {
        return lastChunkPosition != null;
    }

    /**
     * Whether a change at {@code position} to the row with {@code key} (null: unknown) is in a
     * snapshot chunk already: the chunk holding the key was read at a later position.
     */
    public boolean inSnapshot(
            String database, String table, @Nullable BigInteger key, BinlogPosition position) {
        if (lastChunkPosition == null) {
            return false;
        }
        if (position.compareTo(lastChunkPosition) >= 0) {
            // every later change is after every chunk
            chunks = List.of();
            chunksByTable.clear();
            lastChunkPosition = null;
            return false;
        }
        NavigableMap<BigInteger, SnapshotChunk> ofTable = chunksByTable.get(database + "." + table);
        if (ofTable == null) {
            return false;
        }
        Map.Entry<BigInteger, SnapshotChunk> candidate =
                key == null ? ofTable.firstEntry() : ofTable.floorEntry(key);
        return candidate != null
                && candidate.getValue().contains(key)
                && position.compareTo(candidate.getValue().position()) < 0;
    }

    @Override
    public BinlogSplit toSplit() {
        if (offset != null && offset != encoded) {
            offsetJson = BinlogPositions.toJson(offset);
            encoded = offset;
        }
        return new BinlogSplit(offsetJson, FlinkxSchemaHistory.documents(historyInstance), chunks);
    }
}
