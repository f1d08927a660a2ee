package org.flinkx.connector.hdfs.sink;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.api.connector.sink2.SupportsPostCommitTopology;
import org.apache.flink.streaming.api.connector.sink2.SupportsPreWriteTopology;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.table.data.RowData;
import org.flinkx.connector.common.retry.RetryPolicy;
import org.flinkx.connector.common.sink.ErrorCountOperator;
import org.flinkx.connector.common.sink.FlinkxCommitter;
import org.flinkx.connector.common.sink.FlinkxSinkWriter;
import org.flinkx.connector.common.sink.SinkSettings;

/**
 * Sink V2 into files on a Hadoop file system, exactly-once: rows go into files under the target's
 * hidden {@code .data} directory, every checkpoint closes them, and the committer moves them into
 * place when the checkpoint completes. Build it with {@link #builder()} or through the {@code
 * flinkx-hdfs} SQL connector. Enable checkpointing for unbounded jobs: files are published only by
 * checkpoints (and at the end of bounded input).
 */
@PublicEvolving
public final class HdfsSink
        implements Sink<RowData>,
                SupportsWriterState<RowData, HdfsWriterState>,
                SupportsCommitter<HdfsCommittable>,
                SupportsPreWriteTopology<RowData>,
                SupportsPostCommitTopology<HdfsCommittable> {

    private static final long serialVersionUID = 1L;

    private final HdfsSinkConfig config;
    private final SinkSettings settings;

    HdfsSink(HdfsSinkConfig config) {
        this.config = config;
        this.settings =
                new SinkSettings(
                                config.connector(),
                                config.buffer(),
                                DeliveryGuarantee.EXACTLY_ONCE,
                                config.rateLimit(),
                                config.errorLimit(),
                                config.dirtyData())
                        .withJobWideErrorLimit();
    }

    public static HdfsSinkBuilder builder() {
        return new HdfsSinkBuilder();
    }

    public HdfsSinkConfig config() {
        return config;
    }

    @Override
    public FlinkxSinkWriter<RowData, HdfsCommittable, HdfsWriterState> createWriter(
            WriterInitContext context) throws IOException {
        return restoreWriter(context, List.of());
    }

    @Override
    public FlinkxSinkWriter<RowData, HdfsCommittable, HdfsWriterState> restoreWriter(
            WriterInitContext context, Collection<HdfsWriterState> recoveredState)
            throws IOException {
        return new FlinkxSinkWriter<>(
                context, settings, new HdfsWriter(context, config), recoveredState);
    }

    @Override
    public SimpleVersionedSerializer<HdfsWriterState> getWriterStateSerializer() {
        return new HdfsSinkSerializers.WriterState();
    }

    @Override
    public Committer<HdfsCommittable> createCommitter(CommitterInitContext context)
            throws IOException {
        return new FlinkxCommitter<>(
                new HdfsCommitter(config),
                new RetryPolicy(config.buffer().maxRetries(), config.buffer().retryBackoff()));
    }

    @Override
    public SimpleVersionedSerializer<HdfsCommittable> getCommittableSerializer() {
        return new HdfsSinkSerializers.Committable();
    }

    /** The writers' bad rows are counted over the whole job ({@link ErrorCountOperator}). */
    @Override
    public DataStream<RowData> addPreWriteTopology(DataStream<RowData> input) {
        return ErrorCountOperator.addInFrontOfTheWriters(input, settings);
    }

    @Override
    public void addPostCommitTopology(
            DataStream<CommittableMessage<HdfsCommittable>> committables) {
        committables
                .global()
                .transform("finish " + config.path(), Types.VOID, new CommitFinisher(config))
                .setParallelism(1)
                .setMaxParallelism(1);
    }
}
