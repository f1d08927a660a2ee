package org.flinkx.connector.binlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.flinkx.connector.binlog.config.ServerFlavor;
import org.flinkx.connector.binlog.config.StartupMode;
import org.flinkx.connector.binlog.source.BinlogSource;
import org.flinkx.connector.jdbc.sink.JdbcSink;
import org.flinkx.connector.jdbc.testutils.DatabaseServer;
import org.flinkx.connector.jdbc.testutils.MariaDbServer;
import org.flinkx.connector.jdbc.testutils.PostgresServer;
import org.flinkx.connector.jdbc.testutils.TestClusters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A captured table that stays idle while other tables fill and rotate the binlog: heartbeats move
 * the checkpointed position along, so after the server purged the old files a job restored from a
 * savepoint resumes (instead of failing on a purged position) and loses nothing.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class BinlogIdleTableITCase {

    private static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER =
            TestClusters.withSlots(2, REPORTER.addToConfiguration(new Configuration()));

    private static final RowType TYPE =
            (RowType)
                    DataTypes.ROW(
                                    DataTypes.FIELD("id", DataTypes.BIGINT().notNull()),
                                    DataTypes.FIELD("name", DataTypes.STRING()))
                            .getLogicalType();

    @TempDir Path savepoints;

    private static void execute(MariaDbServer maria, String... statements) throws Exception {
        try (Connection c = maria.connect("cdc");
                Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private static String currentFile(MariaDbServer maria) throws Exception {
        return maria.query("cdc", "SHOW MASTER STATUS").get(0).get(0);
    }

    private static List<String> files(MariaDbServer maria) throws Exception {
        List<String> files = new ArrayList<>();
        for (List<String> row : maria.query("cdc", "SHOW BINARY LOGS")) {
            files.add(row.get(0));
        }
        return files;
    }

    private static JobClient start(
            StreamExecutionEnvironment env, MariaDbServer maria, DatabaseServer pg, String table)
            throws Exception {
        BinlogSource source =
                BinlogSource.builder()
                        .serverFlavor(ServerFlavor.MARIADB)
                        .hostname("127.0.0.1")
                        .port(maria.port())
                        .username(maria.user())
                        .password(maria.password())
                        .tables("cdc\\." + table)
                        .rowType(TYPE)
                        .startupMode(StartupMode.INITIAL)
                        .debeziumProperty("heartbeat.interval.ms", "100") // the default is 30 s
                        .build();
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "binlog")
                .returns(InternalTypeInfo.of(TYPE))
                .sinkTo(
                        JdbcSink.builder()
                                .url(pg.jdbcUrl("flinkx"))
                                .username(pg.user())
                                .password(pg.password())
                                .table(table)
                                .rowType(TYPE)
                                .keys(List.of("id"))
                                .build());
        return env.executeAsync("idle table " + table);
    }

    private static String binlogFileGauge(JobID job) {
        for (Map.Entry<String, Metric> metric :
                REPORTER.findMetrics(job, "flinkx.binlogFile").entrySet()) {
            if (metric.getValue() instanceof Gauge<?> gauge && gauge.getValue() != null) {
                return gauge.getValue().toString();
            }
        }
        return null;
    }

    private static void waitFor(BinlogEndToEndITCase.Condition condition) throws Exception {
        while (!condition.holds()) {
            Thread.sleep(50);
        }
    }

    @Test
    void anIdleTableResumesAfterTheServerPurgedTheFilesOfOtherTables() throws Exception {
        MariaDbServer maria = MariaDbServer.get();
        DatabaseServer pg = PostgresServer.get();
        maria.createDatabase("cdc");
        pg.createDatabase("flinkx");
        String table = "idle_" + System.nanoTime() % 100000;
        String busy = "busy_" + System.nanoTime() % 100000;
        execute(
                maria,
                "CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, name VARCHAR(32))",
                "CREATE TABLE " + busy + " (id BIGINT PRIMARY KEY, name VARCHAR(32))",
                "INSERT INTO " + table + " VALUES (1, 'one'), (2, 'two')");
        try (Connection c = pg.connect("flinkx");
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, name VARCHAR(32))");
        }
        String count = "SELECT COUNT(*) FROM " + table;

        JobClient first = start(TestClusters.restartingEnvironment(1, 200), maria, pg, table);
        waitFor(() -> pg.query("flinkx", count).get(0).get(0).equals("2"));
        // only other tables change, over several binlog files
        for (int i = 0; i < 3; i++) {
            execute(
                    maria,
                    "INSERT INTO " + busy + " VALUES (" + i + ", 'busy')",
                    "FLUSH BINARY LOGS");
        }
        String newest = currentFile(maria);
        // the busy table keeps changing (in the newest file) until a heartbeat has moved the
        // idle table's position there
        long[] next = {100};
        waitFor(
                () -> {
                    execute(
                            maria,
                            "INSERT INTO "
                                    + busy
                                    + " VALUES ("
                                    + next[0]++
                                    + ", 'in the newest file')");
                    return newest.equals(binlogFileGauge(first.getJobID()));
                });
        assertThat(currentFile(maria)).isEqualTo(newest);
        String savepoint =
                first.stopWithSavepoint(
                                false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                        .get();

        // a purge skips a file a replica still reads: end the dump threads of stopped readers
        // (this one's and those of earlier tests' cancelled jobs), which the server keeps until it
        // next writes to them; KILL only flags a thread, so wait until they are gone
        waitFor(
                () -> {
                    boolean dumping = false;
                    for (List<String> process : maria.query("cdc", "SHOW PROCESSLIST")) {
                        if ("Binlog Dump".equals(process.get(4))) {
                            dumping = true;
                            try {
                                execute(maria, "KILL " + process.get(0));
                            } catch (java.sql.SQLException endedMeanwhile) {
                                // gone between the list and the KILL
                            }
                        }
                    }
                    return !dumping;
                });
        // MariaDB keeps a file until InnoDB has checkpointed the transactions it logged (the binlog
        // checkpoint), which lags after the busy writes of earlier tests: purge until it is gone
        waitFor(
                () -> {
                    execute(maria, "PURGE BINARY LOGS TO '" + newest + "'");
                    return files(maria).equals(List.of(newest));
                });
        assertThat(files(maria)).containsExactly(newest);
        execute(maria, "INSERT INTO " + table + " VALUES (3, 'after the purge')");

        StreamExecutionEnvironment restored = TestClusters.restoredEnvironment(1, 200, savepoint);
        JobClient second = start(restored, maria, pg, table);
        try {
            waitFor(
                    () ->
                            pg.query("flinkx", count).get(0).get(0).equals("3")
                                    || second.getJobStatus().get().isGloballyTerminalState());
            String query = "SELECT id, name FROM " + table + " ORDER BY id";
            assertThat(pg.query("flinkx", query)).isEqualTo(maria.query("cdc", query));
        } finally {
            if (!second.getJobStatus().get().isGloballyTerminalState()) {
                TestClusters.cancel(second);
            }
        }
    }
}
