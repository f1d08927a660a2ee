package org.flinkx.connector.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.table.api.TableResult;
import org.flinkx.connector.jdbc.testutils.DatabaseServer;
import org.flinkx.connector.jdbc.testutils.PostgresServer;
import org.junit.jupiter.api.Test;

/** {@link JdbcConnectorITCase} against a real PostgreSQL 15 server, plus what needs PostgreSQL. */
class PostgresConnectorITCase extends JdbcConnectorITCase {

    @Override
    protected DatabaseServer server() {
        return PostgresServer.get();
    }

    @Override
    protected String identifier() {
        return "flinkx-postgresql";
    }

    @Override
    protected String timestampType() {
        return "TIMESTAMP(3)";
    }

    @Override
    protected String slowStatement() {
        return "SELECT pg_sleep(1)";
    }

    @Override
    protected String textType() {
        return "TEXT";
    }

    /**
     * The server drops the sink's connection in the middle of the job (pg_terminate_backend): a
     * transient error, so the at-least-once writer reconnects and writes the batch again, and the
     * job (which may not restart) ends with the target equal to the source.
     */
    @Test
    void sinkReconnectsAfterTheServerDroppedItsConnection() throws Exception {
        String src = newTable("src");
        String dst = newTable("dst");
        createOrdersTable(src, true);
        createOrdersTable(dst, true);
        insertOrders(src, 0, 3000);
        tEnv.executeSql(
                "CREATE TABLE s ("
                        + flinkOrdersColumns(true)
                        + ")"
                        + with(src, "'scan.rate-limit.records-per-second' = '500'"));
        tEnv.executeSql(
                "CREATE TABLE d ("
                        + flinkOrdersColumns(true)
                        + ")"
                        + with(
                                dst,
                                "'sink.buffer-flush.max-rows' = '100'",
                                "'sink.retry.backoff' = '100ms'",
                                // names the sink's connections, so the test finds them whatever
                                // they run now
                                "'properties.ApplicationName' = 'flinkx-reconnect-sink'"));
        TableResult result = tEnv.executeSql("INSERT INTO d SELECT * FROM s");
        waitForCount(dst, 200);
        long killed = 0;
        long deadline = System.nanoTime() + java.time.Duration.ofMinutes(2).toNanos();
        while (killed == 0 && System.nanoTime() < deadline) {
            killed =
                    rows(
                                    "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE pid <> "
                                            + "pg_backend_pid() AND application_name = 'flinkx-reconnect-sink'")
                            .stream()
                            .mapToLong(r -> Long.parseLong(r.get(0)))
                            .sum();
        }
        result.await();

        assertThat(killed).isPositive();
        assertThat(rows("SELECT * FROM " + dst + " ORDER BY id"))
                .hasSize(3000)
                .isEqualTo(rows("SELECT * FROM " + src + " ORDER BY id"));
    }

    @Override
    protected String timestampText(String column) {
        return "to_char(" + column + ", 'YYYY-MM-DD HH24:MI:SS.US')";
    }
}
