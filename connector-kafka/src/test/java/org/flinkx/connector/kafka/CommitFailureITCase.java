package org.flinkx.connector.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaCommittable;
import org.apache.flink.connector.kafka.sink.KafkaWriterState;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.api.connector.sink2.SupportsPostCommitTopology;
import org.apache.flink.streaming.api.connector.sink2.SupportsPreWriteTopology;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.flinkx.connector.jdbc.testframe.TestRow;
import org.flinkx.connector.jdbc.testutils.TestClusters;
import org.flinkx.connector.kafka.sink.FlinkxKafkaSink;
import org.flinkx.connector.kafka.testframe.TestRowJson;
import org.flinkx.connector.kafka.testutils.KafkaTestBroker;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Exactly-once across a failure between a checkpoint and its commit: the first commit of the Kafka
 * transactions throws (as a TaskManager lost right after the checkpoint would leave them: prepared,
 * in the checkpoint, not committed); the job restarts from that checkpoint, the committer commits
 * the recovered transactions, and a {@code read_committed} consumer sees every row once.
 */
class CommitFailureITCase {

    @Order(1)
    @RegisterExtension
    static final KafkaTestBroker KAFKA = new KafkaTestBroker();

    @Order(2)
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = TestClusters.withSlots(2);

    private static final AtomicBoolean FAIL_NEXT_COMMIT = new AtomicBoolean();
    private static final AtomicBoolean FAILED = new AtomicBoolean();

    @Test
    void transactionsPreparedBeforeTheFailureAreCommittedOnRestore() throws Exception {
        KAFKA.createTopic("commit_fail", 2);
        FAIL_NEXT_COMMIT.set(true);
        FAILED.set(false);

        StreamExecutionEnvironment env = TestClusters.restartingEnvironment(1, 200);
        env.fromSequence(1, 2000)
                .map(new SlowRows())
                .returns(InternalTypeInfo.of(TestRow.ROW_TYPE))
                .sinkTo(
                        new FailingFirstCommit(
                                TestRowJson.sink(
                                        KAFKA.bootstrapServers(),
                                        "commit_fail",
                                        DeliveryGuarantee.EXACTLY_ONCE)));
        env.execute("commit failure");

        assertThat(FAILED).as("the injected commit failure happened").isTrue();
        List<Long> ids = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record :
                KAFKA.readAll("commit_fail", "read_committed")) {
            ids.add(TestRowJson.read(TestRowJson.openDeserializer(), record.value()).id());
        }
        assertThat(ids)
                .containsExactlyInAnyOrderElementsOf(
                        LongStream.rangeClosed(1, 2000).boxed().toList());
    }

    /** Rows of the test table, a few per millisecond, so that checkpoints come between them. */
    private static final class SlowRows implements MapFunction<Long, RowData> {
        @Override
        public RowData map(Long id) throws Exception {
            if (id % 20 == 0) {
                Thread.sleep(2);
            }
            return new TestRow(id, "row " + id, null, null);
        }
    }

    /** The FlinkX Kafka sink, whose committer throws before its first commit. */
    private static final class FailingFirstCommit
            implements Sink<RowData>,
                    SupportsWriterState<RowData, KafkaWriterState>,
                    SupportsCommitter<KafkaCommittable>,
                    SupportsPreWriteTopology<RowData>,
                    SupportsPostCommitTopology<KafkaCommittable> {

        private final FlinkxKafkaSink sink;

        FailingFirstCommit(FlinkxKafkaSink sink) {
            this.sink = sink;
        }

        @Override
        public SinkWriter<RowData> createWriter(WriterInitContext context) throws IOException {
            return sink.createWriter(context);
        }

        @Override
        public StatefulSinkWriter<RowData, KafkaWriterState> restoreWriter(
                WriterInitContext context, Collection<KafkaWriterState> states) throws IOException {
            return sink.restoreWriter(context, states);
        }

        @Override
        public SimpleVersionedSerializer<KafkaWriterState> getWriterStateSerializer() {
            return sink.getWriterStateSerializer();
        }

        @Override
        public Committer<KafkaCommittable> createCommitter(CommitterInitContext context)
                throws IOException {
            Committer<KafkaCommittable> committer = sink.createCommitter(context);
            return new Committer<>() {
                @Override
                public void commit(Collection<CommitRequest<KafkaCommittable>> requests)
                        throws IOException, InterruptedException {
                    if (!requests.isEmpty() && FAIL_NEXT_COMMIT.compareAndSet(true, false)) {
                        FAILED.set(true);
                        throw new IllegalStateException(
                                "Failure injected between a checkpoint and its commit");
                    }
                    committer.commit(requests);
                }

                @Override
                public void close() throws Exception {
                    committer.close();
                }
            };
        }

        @Override
        public SimpleVersionedSerializer<KafkaCommittable> getCommittableSerializer() {
            return sink.getCommittableSerializer();
        }

        @Override
        public DataStream<RowData> addPreWriteTopology(DataStream<RowData> input) {
            return sink.addPreWriteTopology(input);
        }

        @Override
        public void addPostCommitTopology(
                DataStream<CommittableMessage<KafkaCommittable>> committables) {
            sink.addPostCommitTopology(committables);
        }
    }
}
