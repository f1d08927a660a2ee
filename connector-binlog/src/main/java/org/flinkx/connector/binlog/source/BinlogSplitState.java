package org.flinkx.connector.binlog.source;

import org.flinkx.connector.binlog.debezium.FlinkxSchemaHistory;

import java.util.Map;

/**
 * The binlog split while it is read: Debezium's offset of the last emitted row (encoded to JSON
 * only when a checkpoint takes it) and the schema history instance of the running engine.
 */
final class BinlogSplitState {

    private final String historyInstance;
    private String offsetJson;
    private Map<String, ?> offset;
    private Map<String, ?> encoded;

    BinlogSplitState(BinlogSplit split, String historyInstance) {
        this.offsetJson = split.offset();
        this.historyInstance = historyInstance;
    }

    void moveTo(Map<String, ?> offset) {
        this.offset = offset;
    }

    Map<String, ?> offset() {
        return offset;
    }

    BinlogSplit toSplit() {
        if (offset != null && offset != encoded) {
            offsetJson = BinlogPositions.toJson(offset);
            encoded = offset;
        }
        return new BinlogSplit(offsetJson, FlinkxSchemaHistory.documents(historyInstance));
    }
}
