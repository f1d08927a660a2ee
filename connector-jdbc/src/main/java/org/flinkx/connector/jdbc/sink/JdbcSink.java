package org.flinkx.connector.jdbc.sink;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
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
import org.flinkx.connector.jdbc.config.JdbcWriteConfig;
import org.flinkx.connector.jdbc.dialect.JdbcDialect;

/**
 * Sink V2 into a JDBC table: batched inserts, upserts and deletes with at-least-once, exactly-once
 * (XA two-phase commit) or no guarantee. Build it with {@link #builder()} or through the {@code
 * flinkx-*} SQL connectors.
 */
@PublicEvolving
public final class JdbcSink
        implements Sink<RowData>,
                SupportsWriterState<RowData, JdbcWriterState>,
                SupportsCommitter<JdbcCommittable>,
                SupportsPreWriteTopology<RowData>,
                SupportsPostCommitTopology<JdbcCommittable> {

    private static final long serialVersionUID = 1L;

    private final JdbcWriteConfig config;
    private final JdbcDialect dialect;
    private final SinkSettings settings;

    JdbcSink(JdbcWriteConfig config, JdbcDialect dialect, String connectorName) {
        this.config = config;
        this.dialect = dialect;
        this.settings =
                new SinkSettings(
                                connectorName,
                                config.buffer(),
                                config.deliveryGuarantee(),
                                config.rateLimit(),
                                config.errorLimit(),
                                config.dirtyData())
                        .withJobWideErrorLimit();
    }

    public static JdbcSinkBuilder builder() {
        return new JdbcSinkBuilder();
    }

    public JdbcWriteConfig config() {
        return config;
    }

    @Override
    public StatefulSinkWriter<RowData, JdbcWriterState> createWriter(WriterInitContext context)
            throws IOException {
        return restoreWriter(context, List.of());
    }

    @Override
    public StatefulSinkWriter<RowData, JdbcWriterState> restoreWriter(
            WriterInitContext context, Collection<JdbcWriterState> recoveredState)
            throws IOException {
        JdbcWriter target =
                new JdbcWriter(config, dialect, context.getTaskInfo().getIndexOfThisSubtask());
        return new FlinkxSinkWriter<>(context, settings, target, recoveredState);
    }

    @Override
    public SimpleVersionedSerializer<JdbcWriterState> getWriterStateSerializer() {
        return new JdbcSinkSerializers.WriterStateSerializer();
    }

    @Override
    public Committer<JdbcCommittable> createCommitter(CommitterInitContext context) {
        return new FlinkxCommitter<>(
                new JdbcCommitter(config, dialect),
                new RetryPolicy(config.buffer().maxRetries(), config.buffer().retryBackoff()));
    }

    @Override
    public SimpleVersionedSerializer<JdbcCommittable> getCommittableSerializer() {
        return new JdbcSinkSerializers.CommittableSerializer();
    }

    /**
     * {@code sink.pre-sql} runs in front of the writers, before any of them writes (see {@link
     * PreSqlOperator}); right before the writers their bad rows are counted over the whole job
     * ({@link ErrorCountOperator}).
     */
    @Override
    public DataStream<RowData> addPreWriteTopology(DataStream<RowData> input) {
        DataStream<RowData> stream = input;
        if (!config.preSql().isEmpty()) {
            stream =
                    stream.transform(
                            "pre-sql " + config.table(),
                            stream.getType(),
                            new PreSqlOperator(config, dialect));
        }
        return ErrorCountOperator.addInFrontOfTheWriters(stream, settings);
    }

    @Override
    public void addPostCommitTopology(
            DataStream<CommittableMessage<JdbcCommittable>> committables) {
        if (config.postSql().isEmpty()) {
            return;
        }
        committables
                .global()
                .transform(
                        "post-sql " + config.table(),
                        Types.VOID,
                        new PostSqlOperator(config, dialect))
                .setParallelism(1)
                .setMaxParallelism(1);
    }
}
