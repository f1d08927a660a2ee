package org.flinkx.connector.jdbc.source.reader;

import java.io.IOException;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.table.data.RowData;
import org.flinkx.connector.common.error.DirtyDataHandler;
import org.flinkx.connector.common.metrics.FlinkxMetrics;
import org.flinkx.connector.common.source.FlinkxSourceReaderBase;
import org.flinkx.connector.jdbc.config.JdbcReadConfig;
import org.flinkx.connector.jdbc.dialect.JdbcDialect;
import org.flinkx.connector.jdbc.source.split.JdbcSourceSplit;
import org.flinkx.connector.jdbc.source.split.JdbcSourceSplitState;

/** The JDBC source reader: one fetcher thread reads the splits; offsets live in split states. */
@Internal
public final class JdbcSourceReader
        extends FlinkxSourceReaderBase<JdbcRecord, RowData, JdbcSourceSplit, JdbcSourceSplitState> {

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
                context,
                dirty);
    }

    public static JdbcSourceReader create(
            SourceReaderContext context,
            JdbcReadConfig config,
            JdbcDialect dialect,
            String connector)
            throws IOException {
        FlinkxMetrics metrics = FlinkxMetrics.forSource(context.metricGroup());
        DirtyDataHandler dirty =
                dirtyDataHandler(
                        context, connector, config.errorLimit(), config.dirtyData(), metrics);
        return new JdbcSourceReader(context, config, dialect, metrics, dirty);
    }

    @Override
    protected JdbcSourceSplitState initializedState(JdbcSourceSplit split) {
        return new JdbcSourceSplitState(split);
    }

    @Override
    protected JdbcSourceSplit toSplitType(String splitId, JdbcSourceSplitState state) {
        return state.toSplit();
    }
}
