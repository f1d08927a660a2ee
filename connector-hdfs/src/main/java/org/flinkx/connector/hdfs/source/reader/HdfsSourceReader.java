package org.flinkx.connector.hdfs.source.reader;

import org.flinkx.connector.common.error.DirtyDataHandler;
import org.flinkx.connector.common.metrics.FlinkxMetrics;
import org.flinkx.connector.common.ratelimit.Throttle;
import org.flinkx.connector.hdfs.format.FileReaderFormat;
import org.flinkx.connector.hdfs.source.HdfsSourceConfig;

import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.table.data.RowData;
import org.apache.flink.util.UserCodeClassLoader;

import java.util.Map;

/** The source's reader: one fetcher thread reads splits, the task emits their rows. */
public final class HdfsSourceReader
        extends SingleThreadMultiplexSourceReaderBase<
                HdfsRecord, RowData, FileSourceSplit, HdfsSplitState> {

    private final DirtyDataHandler dirty;

    private HdfsSourceReader(
            SourceReaderContext context,
            HdfsSourceConfig config,
            FileReaderFormat.Context formatContext,
            FlinkxMetrics metrics) {
        super(
                () -> new HdfsSplitReader(config.format(), formatContext),
                new HdfsRecordEmitter(metrics, Throttle.of(config.rateLimit())),
                context.getConfiguration(),
                context);
        this.dirty = formatContext.dirty();
    }

    public static HdfsSourceReader create(SourceReaderContext context, HdfsSourceConfig config)
            throws Exception {
        FlinkxMetrics metrics = FlinkxMetrics.forSource(context.metricGroup());
        String owner = "source-" + config.connector() + "-" + context.getIndexOfSubtask();
        DirtyDataHandler dirty = new DirtyDataHandler(
                config.connector(), config.errorLimit(), config.dirtyData(), owner, metrics);
        config.format().open(new DeserializationSchema.InitializationContext() {
            @Override
            public MetricGroup getMetricGroup() {
                return context.metricGroup();
            }

            @Override
            public UserCodeClassLoader getUserCodeClassLoader() {
                return context.getUserCodeClassLoader();
            }
        });
        FileReaderFormat.Context formatContext = new FileReaderFormat.Context(
                context.getConfiguration(), config.hadoop(), dirty, config.batchSize());
        return new HdfsSourceReader(context, config, formatContext, metrics);
    }

    @Override
    public void start() {
        if (getNumberOfCurrentlyAssignedSplits() == 0) {
            context.sendSplitRequest();
        }
    }

    @Override
    protected void onSplitFinished(Map<String, HdfsSplitState> finishedSplitIds) {
        context.sendSplitRequest();
    }

    @Override
    protected HdfsSplitState initializedState(FileSourceSplit split) {
        return new HdfsSplitState(split);
    }

    @Override
    protected FileSourceSplit toSplitType(String splitId, HdfsSplitState state) {
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
