package org.flinkx.connector.starrocks.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.logical.RowType;
import org.flinkx.connector.common.sink.Batch;
import org.flinkx.connector.common.sink.TargetWriter;
import org.flinkx.connector.starrocks.load.StreamLoadClient;
import org.flinkx.connector.starrocks.testserver.StarRocksTestServer;
import org.flinkx.connector.starrocks.testserver.TableModel;
import org.flinkx.connector.starrocks.testserver.TxnState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A restored exactly-once writer finds what an earlier attempt began after the checkpoint by its
 * labels, without a list of transactions from the server: from the state's next number on, until
 * the first unknown label. Open and prepared ones are rolled back; the checkpoint's own prepared
 * transaction (before that number) is left to the committer; a committed one is left as it is.
 */
class StarRocksWriterLeftoversTest {

    private static final RowType TYPE =
            (RowType)
                    DataTypes.ROW(
                                    DataTypes.FIELD("id", DataTypes.BIGINT()),
                                    DataTypes.FIELD("name", DataTypes.STRING()))
                            .getLogicalType();

    private static StarRocksTestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = StarRocksTestServer.start("u", "p", 1);
        server.createTable(
                "db",
                "t",
                List.of("id BIGINT", "name VARCHAR(10)"),
                List.of("id"),
                TableModel.DUPLICATE_KEY);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static StarRocksSinkConfig config() {
        return StarRocksSink.builder()
                .loadUrl(server.feAddress())
                .database("db")
                .table("t")
                .username("u")
                .password("p")
                .rowType(TYPE)
                .deliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .build()
                .config();
    }

    private static String label(long n) {
        return Labels.of("flinkx", "t", "earlier", 0, n);
    }

    private static void call(StreamLoadClient client, String operation, String label)
            throws Exception {
        assertThat(
                        client.transaction(
                                        operation,
                                        Map.of("label", label, "db", "db", "table", "t"),
                                        null)
                                .is("OK"))
                .as(operation + " " + label)
                .isTrue();
    }

    @Test
    void leftoversAfterTheCheckpointAreRolledBackUpToTheFirstUnknownLabel() throws Exception {
        try (StreamLoadClient client = new StreamLoadClient(config().connection())) {
            call(client, "begin", label(4)); // the restored checkpoint's: the committer's
            call(client, "prepare", label(4));
            call(client, "begin", label(5)); // prepared at a checkpoint that never completed
            call(client, "prepare", label(5));
            call(client, "begin", label(6)); // open when the attempt failed
            call(client, "begin", label(8)); // after a gap: not reached (label 7 is unknown)
        }
        StarRocksWriter writer = new StarRocksWriter(config(), 0);
        writer.abortLeftovers(
                new TargetWriter.Restore<>(
                        OptionalLong.of(3),
                        0,
                        1,
                        List.of(new StarRocksWriterState("flinkx", "t", "earlier", 0, 5))));

        assertThat(server.labelState("db", label(4))).isEqualTo(TxnState.PREPARED);
        assertThat(server.labelState("db", label(5))).isEqualTo(TxnState.ABORTED);
        assertThat(server.labelState("db", label(6))).isEqualTo(TxnState.ABORTED);
        assertThat(server.labelState("db", label(8))).isEqualTo(TxnState.PREPARE);

        // a new transaction of the restored writer takes a label of its own run
        writer.begin(4);
        RowData row = GenericRowData.of(1L, StringData.fromString("a"));
        assertThat(writer.write(new Batch<>(List.of(row), 0))).isEmpty();
        List<StarRocksCommittable> prepared = List.copyOf(writer.prepareCommit());
        assertThat(prepared).hasSize(1);
        assertThat(prepared.get(0).label()).startsWith("flinkx-t-").doesNotContain("earlier");
        assertThat(server.labelState("db", prepared.get(0).label())).isEqualTo(TxnState.PREPARED);
        assertThat(writer.snapshotState(4))
                .singleElement()
                .satisfies(s -> assertThat(s.nextNumber()).isEqualTo(1));
        writer.close();

        StarRocksCommitter committer = new StarRocksCommitter(config());
        assertThat(committer.commit(prepared.get(0))).isTrue();
        assertThat(committer.commit(prepared.get(0))).as("a repeated commit").isFalse();
        committer.close();
        assertThat(server.rows("db", "t")).containsExactly(Map.of("id", "1", "name", "a"));
    }
}
