package org.flinkx.connector.starrocks.sink;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.connector.sink2.SupportsPreWriteTopology;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.table.data.RowData;
import org.flinkx.connector.common.retry.RetryPolicy;
import org.flinkx.connector.common.sink.ErrorCountOperator;
import org.flinkx.connector.common.sink.FlinkxCommitter;
import org.flinkx.connector.common.sink.FlinkxSinkWriter;
import org.flinkx.connector.common.sink.SinkSettings;

/**
 * Sink V2 into a StarRocks table through Stream Load: at-least-once (a load per flush, with
 * labels), exactly-once (a Stream Load transaction per checkpoint, committed when it completes) or
 * none. Build it with {@link #builder()} or through the {@code flinkx-starrocks} SQL connector.
 */
@PublicEvolving
public final class StarRocksSink
        implements Sink<RowData>,
                SupportsWriterState<RowData, StarRocksWriterState>,
                SupportsCommitter<StarRocksCommittable>,
                SupportsPreWriteTopology<RowData> {

    private static final long serialVersionUID = 1L;

    private final StarRocksSinkConfig config;
    private final SinkSettings settings;

    StarRocksSink(StarRocksSinkConfig config) {
        this.config = config;
        this.settings =
                new SinkSettings(
                                config.connector(),
                                config.buffer(),
                                config.guarantee(),
                                config.rateLimit(),
                                config.errorLimit(),
                                config.dirtyData())
                        .withJobWideErrorLimit();
    }

    public static StarRocksSinkBuilder builder() {
        return new StarRocksSinkBuilder();
    }

    public StarRocksSinkConfig config() {
        return config;
    }

    @Override
    public FlinkxSinkWriter<RowData, StarRocksCommittable, StarRocksWriterState> createWriter(
            WriterInitContext context) throws IOException {
        return restoreWriter(context, List.of());
    }

    @Override
    public FlinkxSinkWriter<RowData, StarRocksCommittable, StarRocksWriterState> restoreWriter(
            WriterInitContext context, Collection<StarRocksWriterState> recoveredState)
            throws IOException {
        StarRocksWriter target =
                new StarRocksWriter(config, context.getTaskInfo().getIndexOfThisSubtask());
        return new FlinkxSinkWriter<>(context, settings, target, recoveredState);
    }

    @Override
    public SimpleVersionedSerializer<StarRocksWriterState> getWriterStateSerializer() {
        return new StarRocksSinkSerializers.WriterState();
    }

    @Override
    public Committer<StarRocksCommittable> createCommitter(CommitterInitContext context) {
        return new FlinkxCommitter<>(
                new StarRocksCommitter(config),
                new RetryPolicy(config.buffer().maxRetries(), config.buffer().retryBackoff()));
    }

    @Override
    public SimpleVersionedSerializer<StarRocksCommittable> getCommittableSerializer() {
        return new StarRocksSinkSerializers.Committable();
    }

    /** The writers' bad rows are counted over the whole job ({@link ErrorCountOperator}). */
    @Override
    public DataStream<RowData> addPreWriteTopology(DataStream<RowData> input) {
        return ErrorCountOperator.addInFrontOfTheWriters(input, settings);
    }
}
