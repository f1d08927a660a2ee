package org.flinkx.connector.binlog.source;

import org.flinkx.connector.binlog.config.BinlogConfig;
import org.flinkx.connector.binlog.config.BinlogMetadata;
import org.flinkx.connector.common.error.DirtyDataHandler;
import org.flinkx.connector.common.metrics.FlinkxMetrics;
import org.flinkx.connector.common.source.FlinkxSourceReaderBase;

import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.table.data.RowData;

import java.util.Map;
import java.util.UUID;

/** Reads the binlog split (one engine) and emits its changes. */
final class BinlogSourceReader
        extends FlinkxSourceReaderBase<FetchedRecord, RowData, BinlogSplit, BinlogSplitState> {

    private final String historyInstance;

    private BinlogSourceReader(
            SourceReaderContext context,
            BinlogConfig config,
            String historyInstance,
            int serverId,
            BinlogRecordEmitter emitter,
            DirtyDataHandler dirty) {
        super(() -> new BinlogSplitReader(config, historyInstance, serverId), emitter, context, dirty);
        this.historyInstance = historyInstance;
    }

    static BinlogSourceReader create(SourceReaderContext context, BinlogConfig config, int serverId)
            throws Exception {
        FlinkxMetrics flinkx = FlinkxMetrics.forSource(context.metricGroup());
        BinlogMetrics metrics = new BinlogMetrics(context.metricGroup());
        DirtyDataHandler dirty = dirtyDataHandler(
                context, config.connector(), config.errorLimit(), config.dirtyData(), flinkx);
        BinlogRowConverter converter = new BinlogRowConverter(
                config.physicalType(), config.metadata().stream().map(BinlogMetadata::of).toList());
        String instance = UUID.randomUUID().toString();
        return new BinlogSourceReader(
                context, config, instance, serverId,
                new BinlogRecordEmitter(config, converter, flinkx, metrics, dirty), dirty);
    }

    @Override
    protected void onSplitFinished(Map<String, BinlogSplitState> finishedSplitIds) {
        // the binlog split never finishes
    }

    @Override
    protected BinlogSplitState initializedState(BinlogSplit split) {
        return new BinlogSplitState(split, historyInstance);
    }

    @Override
    protected BinlogSplit toSplitType(String splitId, BinlogSplitState state) {
        return state.toSplit();
    }
}
