package org.flinkx.connector.es.source.reader;

import java.io.IOException;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.table.data.RowData;
import org.flinkx.connector.common.error.DirtyDataHandler;
import org.flinkx.connector.common.metrics.FlinkxMetrics;
import org.flinkx.connector.common.source.FlinkxSourceReaderBase;
import org.flinkx.connector.es.source.EsSourceConfig;
import org.flinkx.connector.es.source.split.EsSplit;
import org.flinkx.connector.es.source.split.EsSplitState;

/**
 * The Elasticsearch source reader: one fetcher thread reads the assigned slices one after another;
 * positions live in the split states.
 */
@Internal
public final class EsSourceReader
        extends FlinkxSourceReaderBase<EsRecord, RowData, EsSplit, EsSplitState> {

    private EsSourceReader(
            SourceReaderContext context,
            EsSourceConfig config,
            FlinkxMetrics metrics,
            DirtyDataHandler dirty) {
        super(
                () -> new EsSplitReader(config, dirty),
                new EsRecordEmitter(
                        context.metricGroup().getIOMetricGroup().getNumBytesInCounter(), metrics),
                context,
                dirty);
    }

    public static EsSourceReader create(SourceReaderContext context, EsSourceConfig config)
            throws IOException {
        FlinkxMetrics metrics = FlinkxMetrics.forSource(context.metricGroup());
        DirtyDataHandler dirty =
                dirtyDataHandler(
                        context,
                        config.connector(),
                        config.errorLimit(),
                        config.dirtyData(),
                        metrics);
        return new EsSourceReader(context, config, metrics, dirty);
    }

    @Override
    protected EsSplitState initializedState(EsSplit split) {
        return new EsSplitState(split);
    }

    @Override
    protected EsSplit toSplitType(String splitId, EsSplitState state) {
        return state.toSplit();
    }
}
