package org.flinkx.connector.binlog.source.split;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;
import org.flinkx.connector.binlog.debezium.BinlogPositions;
import org.flinkx.connector.binlog.debezium.DebeziumProperties;
import org.flinkx.connector.binlog.debezium.EngineStreaming;
import org.flinkx.connector.binlog.debezium.FlinkxSchemaHistory;

/**
 * The binlog split while it is read: Debezium's offset of the last emitted row (encoded to JSON
 * only when a checkpoint takes it), the schema history instance of the running engine and the
 * chunks of a chunked snapshot, by table and lower bound on the key's leading column, until the
 * stream passes the last chunk's position.
 *
 * <p>Until the engine streams, a checkpoint keeps the schema history the split started with, not
 * the engine's: an engine started without a history first records the tables' definitions one by
 * one (Debezium's 'recovery'), and a checkpoint taken in the middle of that would carry a partial
 * history whose missing tables the restored engine could never interpret. Once the engine is
 * connected to stream ({@link EngineStreaming}: the schema is complete before streaming starts),
 * the engine's history is checkpointed with the split's offset, before the first record too: a job
 * restored from there reads the binlog with the definitions of when the stream started, and the DDL
 * after it, not with the definitions of when it is restored. From the first record on, the history
 * goes with the record's offset.
 */
@Internal
public final class BinlogSplitState implements SplitState {

    private final String historyInstance;
    private final List<String> startHistory;
    private String offsetJson;
    private Map<String, ?> offset;
    private Map<String, ?> encoded;
    private List<SnapshotChunk> chunks;
    @Nullable private final Map<String, List<String>> tables;
    private List<String> reread;
    // several chunks share a lower bound when checkpoints cut one leading value into whole-key
    // ranges
    private final Map<String, NavigableMap<BigInteger, List<SnapshotChunk>>> chunksByTable =
            new HashMap<>();
    @Nullable private BinlogPosition lastChunkPosition;
    private boolean streaming;

    public BinlogSplitState(BinlogSplit split, String historyInstance) {
        this.offsetJson = split.offset();
        this.historyInstance = historyInstance;
        this.startHistory = split.schemaHistory();
        this.chunks = split.snapshotChunks();
        this.tables = split.tables();
        this.reread = split.reread();
        for (SnapshotChunk chunk : chunks) {
            chunksByTable
                    .computeIfAbsent(
                            chunk.database() + "." + chunk.table(),
                            t -> new TreeMap<>(Comparator.nullsFirst(Comparator.naturalOrder())))
                    .computeIfAbsent(chunk.lo(), lo -> new ArrayList<>())
                    .add(chunk);
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
     * Whether a change at {@code position} to the row with {@code key} (see {@link SnapshotKeys}:
     * an integer, a whole key, or null: unknown) is in a snapshot chunk already: the chunk holding
     * the key was read at a later position.
     */
    public boolean inSnapshot(
            String database, String table, @Nullable Object key, BinlogPosition position) {
        if (lastChunkPosition == null) {
            return false;
        }
        if (position.compareTo(lastChunkPosition) >= 0) {
            // every later change is after every chunk
            chunks = List.of();
            reread = List.of();
            chunksByTable.clear();
            lastChunkPosition = null;
            return false;
        }
        NavigableMap<BigInteger, List<SnapshotChunk>> ofTable =
                chunksByTable.get(database + "." + table);
        if (ofTable == null) {
            return false;
        }
        SnapshotChunk chunk = holding(ofTable, key);
        return chunk != null && position.compareTo(chunk.position()) < 0;
    }

    /**
     * The chunk holding the key. The chunks of a table are disjoint and ordered by their starts:
     * the key's is among those with the greatest lower bound at or below the key's leading value,
     * or, when those start after a whole key greater than it, the ones with the next lower bound
     * below.
     */
    @Nullable
    private static SnapshotChunk holding(
            NavigableMap<BigInteger, List<SnapshotChunk>> ofTable, @Nullable Object key) {
        BigInteger leading = SnapshotKeys.leading(key);
        Map.Entry<BigInteger, List<SnapshotChunk>> candidates =
                leading == null ? ofTable.firstEntry() : ofTable.floorEntry(leading);
        for (int step = 0; step < 2 && candidates != null; step++) {
            for (SnapshotChunk chunk : candidates.getValue()) {
                if (chunk.contains(key)) {
                    return chunk;
                }
            }
            if (leading == null || candidates.getKey() == null) {
                return null;
            }
            candidates = ofTable.lowerEntry(candidates.getKey());
        }
        return null;
    }

    /**
     * Whether the target may have rows of this table that the chunks no longer find (see {@link
     * BinlogSplit#reread()}).
     */
    public boolean reread(String database, String table) {
        return !reread.isEmpty() && reread.contains(database + "." + table);
    }

    private boolean streaming() {
        if (!streaming) {
            streaming = EngineStreaming.connected(DebeziumProperties.engineName(historyInstance));
        }
        return streaming;
    }

    @Override
    public BinlogSplit toSplit() {
        if (offset == null) {
            if (offsetJson == null || !streaming()) {
                // the engine's history may still be being built
                return new BinlogSplit(offsetJson, startHistory, chunks, tables, reread);
            }
            return new BinlogSplit(
                    offsetJson,
                    FlinkxSchemaHistory.documents(historyInstance),
                    chunks,
                    tables,
                    reread);
        }
        if (offset != encoded) {
            offsetJson = BinlogPositions.toJson(offset);
            encoded = offset;
        }
        return new BinlogSplit(
                offsetJson, FlinkxSchemaHistory.documents(historyInstance), chunks, tables, reread);
    }
}
