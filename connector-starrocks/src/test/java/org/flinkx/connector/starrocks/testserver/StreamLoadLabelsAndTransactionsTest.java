package org.flinkx.connector.starrocks.testserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Label uniqueness, the transaction interface's state machine and {@code __op} deletes. */
class StreamLoadLabelsAndTransactionsTest {

    private StarRocksTestServer server;
    private StreamLoadTestClient client;

    @BeforeEach
    void start() throws Exception {
        server = StarRocksTestServer.start("loader", "s3cret", 2);
        server.createTable(
                "db", "t", List.of("id INT", "name VARCHAR(10)"), "id", TableModel.PRIMARY_KEY);
        client = new StreamLoadTestClient("loader", "s3cret");
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.close();
    }

    @Test
    void aLabelIsLoadedOnceAndItsRepeatSaysItExists() throws Exception {
        Map<String, String> headers = Map.of("label", "once-1", "column_separator", ",");
        var first = client.streamLoad(server.feUrl(), "db", "t", headers, "1,a\n");
        var again = client.streamLoad(server.feUrl(), "db", "t", headers, "2,b\n");

        assertThat(first.get("Status")).isEqualTo("Success");
        assertThat(again.get("Status")).isEqualTo("Label Already Exists");
        assertThat(again.get("ExistingJobStatus")).isEqualTo("FINISHED");
        assertThat(server.rows("db", "t")).containsExactly(Map.of("id", "1", "name", "a"));
    }

    @Test
    void aTransactionsRowsAreVisibleOnlyAfterItsCommit() throws Exception {
        Map<String, String> txn = txnHeaders("txn-1");
        assertThat(call("begin", txn, null).get("Status")).isEqualTo("OK");
        assertThat(call("load", txn, "1,a\n").get("Status")).isEqualTo("OK");
        assertThat(call("load", txn, "2,b\n").get("Status")).isEqualTo("OK");
        assertThat(call("prepare", txn, null).get("Status")).isEqualTo("OK");
        assertThat(server.rows("db", "t")).isEmpty();
        assertThat(server.labelState("db", "txn-1")).isEqualTo(TxnState.PREPARED);

        assertThat(call("commit", txn, null).get("Status")).isEqualTo("OK");
        assertThat(server.rows("db", "t"))
                .containsExactlyInAnyOrder(
                        Map.of("id", "1", "name", "a"), Map.of("id", "2", "name", "b"));
        assertThat(server.labelState("db", "txn-1")).isEqualTo(TxnState.VISIBLE);
        // a repeated commit (a committer after a restore) is answered OK
        assertThat(call("commit", txn, null).get("Status")).isEqualTo("OK");
        assertThat(server.openTransactions()).isEmpty();
    }

    @Test
    void aRolledBackTransactionLeavesNothingAndItsLabelMayBeUsedAgain() throws Exception {
        Map<String, String> txn = txnHeaders("txn-2");
        call("begin", txn, null);
        call("load", txn, "1,a\n");
        call("prepare", txn, null);
        assertThat(call("rollback", txn, null).get("Status")).isEqualTo("OK");

        assertThat(server.rows("db", "t")).isEmpty();
        assertThat(server.labelState("db", "txn-2")).isEqualTo(TxnState.ABORTED);
        assertThat(call("commit", txn, null).get("Status")).isEqualTo("FAILED");
        assertThat(server.openTransactions()).isEmpty();
        assertThat(call("begin", txn, null).get("Status")).isEqualTo("OK");
    }

    @Test
    void opColumnDeletesAndUpsertsByKeyInOrder() throws Exception {
        Map<String, String> headers =
                Map.of("column_separator", ",", "columns", "id,name,__op", "label", "ops-1");
        client.streamLoad(server.feUrl(), "db", "t", headers, "1,a,0\n2,b,0\n1,a,1\n2,c,0\n");

        assertThat(server.rows("db", "t")).containsExactly(Map.of("id", "2", "name", "c"));
    }

    private Map<String, String> txnHeaders(String label) {
        Map<String, String> headers = new HashMap<>();
        headers.put("label", label);
        headers.put("db", "db");
        headers.put("table", "t");
        headers.put("column_separator", ",");
        return headers;
    }

    private StreamLoadTestClient.Answer call(
            String operation, Map<String, String> headers, String body) throws Exception {
        String method = operation.equals("load") ? "PUT" : "POST";
        return client.send(method, server.feUrl() + "/api/transaction/" + operation, headers, body);
    }
}
