package org.flinkx.connector.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.flinkx.connector.jdbc.testutils.Metrics;
import org.flinkx.connector.jdbc.testutils.PostgresServer;
import org.flinkx.connector.jdbc.testutils.TestClusters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** FlinkX's metrics reach Flink's metric system (and so the web UI and the REST API). */
class MetricsITCase {

    private static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            TestClusters.withSlots(2, REPORTER.addToConfiguration(new Configuration()));

    @Test
    void readWrittenAndDirtyRecordsAreCounted() throws Exception {
        PostgresServer server = PostgresServer.get();
        server.createDatabase("flinkx");
        try (Connection c = server.connect("flinkx");
                Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS metrics_src");
            s.execute("DROP TABLE IF EXISTS metrics_dst");
            s.execute("CREATE TABLE metrics_src (id INT PRIMARY KEY, v INT)");
            s.execute("CREATE TABLE metrics_dst (id INT PRIMARY KEY, v INT CHECK (v <> 13))");
            s.execute("INSERT INTO metrics_src SELECT g, g FROM generate_series(1, 100) g");
        }
        StreamTableEnvironment tEnv = StreamTableEnvironment.create(TestClusters.environment(1));
        String common =
                "'url' = '"
                        + server.jdbcUrl("flinkx")
                        + "', 'username' = '"
                        + server.user()
                        + "', 'password' = '"
                        + server.password()
                        + "'";
        tEnv.executeSql(
                "CREATE TABLE s (id INT, v INT, PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = "
                        + "'flinkx-postgresql', 'table-name' = 'metrics_src', "
                        + common
                        + ")");
        tEnv.executeSql(
                "CREATE TABLE d (id INT, v INT, PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = "
                        + "'flinkx-postgresql', 'table-name' = 'metrics_dst', 'errors.max-count' = '5', "
                        + common
                        + ")");
        TableResult result = tEnv.executeSql("INSERT INTO d SELECT * FROM s");
        result.await();
        JobID job = result.getJobClient().orElseThrow().getJobID();

        assertThat(sum(job, "flinkx.numRecordsRead")).isEqualTo(100);
        assertThat(sum(job, "flinkx.numRecordsWritten")).isEqualTo(99);
        assertThat(sum(job, "flinkx.numDirtyRecords")).isEqualTo(1);
        assertThat(sum(job, "flinkx.dirty.constraint-violation")).isEqualTo(1);
        assertThat(sum(job, "numRecordsSend")).isEqualTo(99);
        assertThat(sum(job, "flinkx.numBytesRead")).isPositive();
        try (Connection c = server.connect("flinkx");
                Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT COUNT(*) FROM metrics_dst");
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(99);
        }
    }

    private static long sum(JobID job, String suffix) {
        return Metrics.sum(REPORTER, job, suffix);
    }
}
