package org.flinkx.connector.jdbc.source.reader;

import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;
import org.apache.flink.table.data.RowData;

import org.flinkx.connector.common.error.DirtyDataHandler;
import org.flinkx.connector.common.metrics.FlinkxMetrics;
import org.flinkx.connector.jdbc.config.JdbcReadConfig;
import org.flinkx.connector.jdbc.dialect.JdbcDialect;
import org.flinkx.connector.jdbc.source.split.JdbcSourceSplit;
import org.flinkx.connector.jdbc.source.split.JdbcSourceSplitState;

import java.io.IOException;
import java.util.Map;

/** The JDBC source reader: one fetcher thread reads the splits; offsets live in split states. */
public final class JdbcSourceReader
        extends SingleThreadMultiplexSourceReaderBase<
                JdbcRecord, RowData, JdbcSourceSplit, JdbcSourceSplitState> {

    private final DirtyDataHandler dirty;

    private JdbcSourceReader(
            SourceReaderContext context,
            JdbcReadConfig config,
            JdbcDialect dialect,
            FlinkxMetrics metrics,
            DirtyDataHandler dirty) {
        super(
                () -> new JdbcSplitReader(config, dialect, dirty),
                new JdbcRecordEmitter(
                        context.metricGroup().getIOMetricGroup().getNumBytesInCounter(), metrics),
                new Configuration(),
                context);
        this.dirty = dirty;
    }

    public static JdbcSourceReader create(
            SourceReaderContext context, JdbcReadConfig config, JdbcDialect dialect, String connector)
            throws IOException {
        FlinkxMetrics metrics = FlinkxMetrics.forSource(context.metricGroup());
        String owner = "source-" + connector + "-" + context.getIndexOfSubtask();
        DirtyDataHandler dirty =
                new DirtyDataHandler(
                        connector, config.errorLimit(), config.dirtyData(), owner, metrics);
        return new JdbcSourceReader(context, config, dialect, metrics, dirty);
    }

    @Override
    public void start() {
        if (getNumberOfCurrentlyAssignedSplits() == 0) {
            context.sendSplitRequest();
        }
    }

    @Override
    protected void onSplitFinished(Map<String, JdbcSourceSplitState> finishedSplitIds) {
        context.sendSplitRequest();
    }

    @Override
    protected JdbcSourceSplitState initializedState(JdbcSourceSplit split) {
        return new JdbcSourceSplitState(split);
    }

    @Override
    protected JdbcSourceSplit toSplitType(String splitId, JdbcSourceSplitState state) {
        return state.toSplit();
    }

    @Override
    public void close() throws Exception {
        try {
            super.close();
        } finally {
            dirty.close();
        }
    }
}
