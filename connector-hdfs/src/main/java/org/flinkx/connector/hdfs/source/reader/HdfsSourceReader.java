package org.flinkx.connector.hdfs.source.reader;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.table.data.RowData;
import org.apache.flink.util.UserCodeClassLoader;
import org.flinkx.connector.common.error.DirtyDataHandler;
import org.flinkx.connector.common.metrics.FlinkxMetrics;
import org.flinkx.connector.common.ratelimit.Throttle;
import org.flinkx.connector.common.source.FlinkxSourceReaderBase;
import org.flinkx.connector.hdfs.format.FileReaderFormat;
import org.flinkx.connector.hdfs.source.HdfsSourceConfig;

/** The source's reader: one fetcher thread reads splits, the task emits their rows. */
@Internal
public final class HdfsSourceReader
        extends FlinkxSourceReaderBase<HdfsRecord, RowData, FileSourceSplit, HdfsSplitState> {

    private HdfsSourceReader(
            SourceReaderContext context,
            HdfsSourceConfig config,
            FileReaderFormat.Context formatContext,
            FlinkxMetrics metrics) {
        super(
                () -> new HdfsSplitReader(config.format(), formatContext),
                new HdfsRecordEmitter(
                        context.metricGroup().getIOMetricGroup().getNumBytesInCounter(),
                        metrics,
                        Throttle.of(config.rateLimit())),
                context,
                formatContext.dirty());
    }

    public static HdfsSourceReader create(SourceReaderContext context, HdfsSourceConfig config)
            throws Exception {
        FlinkxMetrics metrics = FlinkxMetrics.forSource(context.metricGroup());
        DirtyDataHandler dirty =
                dirtyDataHandler(
                        context,
                        config.connector(),
                        config.errorLimit(),
                        config.dirtyData(),
                        metrics);
        config.format()
                .open(
                        new DeserializationSchema.InitializationContext() {
                            @Override
                            public MetricGroup getMetricGroup() {
                                return context.metricGroup();
                            }

                            @Override
                            public UserCodeClassLoader getUserCodeClassLoader() {
                                return context.getUserCodeClassLoader();
                            }
                        });
        FileReaderFormat.Context formatContext =
                new FileReaderFormat.Context(
                        context.getConfiguration(), config.hadoop(), dirty, config.batchSize());
        return new HdfsSourceReader(context, config, formatContext, metrics);
    }

    @Override
    protected HdfsSplitState initializedState(FileSourceSplit split) {
        return new HdfsSplitState(split);
    }

    @Override
    protected FileSourceSplit toSplitType(String splitId, HdfsSplitState state) {
        return state.toSplit();
    }
}
