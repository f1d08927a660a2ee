package org.flinkx.connector.binlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
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
import org.flinkx.connector.jdbc.testutils.FailingMapper;
import org.flinkx.connector.jdbc.testutils.FailingMapper.FailurePoint;
import org.flinkx.connector.jdbc.testutils.MariaDbServer;
import org.flinkx.connector.jdbc.testutils.PostgresServer;
import org.flinkx.connector.jdbc.testutils.TestClusters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Binlog → upsert sink while a writer changes the source: after a failure injected mid-run, and
 * after a stop with savepoint and a restart from it, the target equals the source row by row.
 */
class BinlogEndToEndITCase {

    @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.withSlots(4);

    private static final RowType TYPE =
            (RowType)
                    DataTypes.ROW(
                                    DataTypes.FIELD("id", DataTypes.BIGINT().notNull()),
                                    DataTypes.FIELD("name", DataTypes.STRING()),
                                    DataTypes.FIELD("amount", DataTypes.DECIMAL(10, 2)))
                            .getLogicalType();

    @TempDir Path savepoints;

    private static String prepare(MariaDbServer maria, DatabaseServer pg, String table)
            throws Exception {
        maria.createDatabase("cdc");
        pg.createDatabase("flinkx");
        try (Connection c = maria.connect("cdc");
                Statement s = c.createStatement()) {
            s.execute(
                    "CREATE TABLE "
                            + table
                            + " (id BIGINT PRIMARY KEY, name VARCHAR(32), amount DECIMAL(10,2))");
            for (int i = 1; i <= 50; i++) {
                s.execute(
                        "INSERT INTO "
                                + table
                                + " VALUES ("
                                + i
                                + ", 'initial-"
                                + i
                                + "', "
                                + i
                                + ".25)");
            }
        }
        try (Connection c = pg.connect("flinkx");
                Statement s = c.createStatement()) {
            s.execute(
                    "CREATE TABLE "
                            + table
                            + " (id BIGINT PRIMARY KEY, name VARCHAR(32), amount NUMERIC(10,2))");
        }
        return table;
    }

    /**
     * Random inserts, updates and deletes on ids 26..120: ids 1..25 keep their snapshot values, so
     * a snapshot read again after a restart would show.
     */
    private static void change(MariaDbServer maria, String table, long seed, int count)
            throws Exception {
        Random random = new Random(seed);
        try (Connection c = maria.connect("cdc");
                PreparedStatement upsert =
                        c.prepareStatement(
                                "INSERT INTO "
                                        + table
                                        + " VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE name = VALUES(name), amount = VALUES(amount)");
                PreparedStatement delete =
                        c.prepareStatement("DELETE FROM " + table + " WHERE id = ?")) {
            for (int i = 0; i < count; i++) {
                long id = 26 + random.nextInt(95);
                if (random.nextInt(5) == 0) {
                    delete.setLong(1, id);
                    delete.executeUpdate();
                } else {
                    upsert.setLong(1, id);
                    upsert.setString(
                            2, random.nextInt(10) == 0 ? null : "v" + seed + "-" + i + " ✓");
                    upsert.setBigDecimal(
                            3, java.math.BigDecimal.valueOf(random.nextInt(100000), 2));
                    upsert.executeUpdate();
                }
                if (i % 20 == 0) {
                    Thread.sleep(20); // spread the changes over several checkpoints
                }
            }
        }
    }

    /**
     * Counts snapshot rows (names 'initial-…', which the writer never produces) read by a restarted
     * job: a resumed binlog reader reads none of them again.
     */
    static final class SnapshotRowsAfterRestart
            extends org.apache.flink.api.common.functions.RichMapFunction<
                    org.apache.flink.table.data.RowData, org.apache.flink.table.data.RowData> {
        static final java.util.concurrent.atomic.AtomicInteger COUNT =
                new java.util.concurrent.atomic.AtomicInteger();
        static volatile boolean secondJob;

        @Override
        public org.apache.flink.table.data.RowData map(org.apache.flink.table.data.RowData row) {
            boolean restarted =
                    secondJob || getRuntimeContext().getTaskInfo().getAttemptNumber() > 0;
            if (restarted
                    && !row.isNullAt(1)
                    && row.getString(1).toString().startsWith("initial-")
                    && row.getRowKind() == org.apache.flink.types.RowKind.INSERT) {
                COUNT.incrementAndGet();
            }
            return row;
        }
    }

    private static void startJob(
            StreamExecutionEnvironment env,
            MariaDbServer maria,
            DatabaseServer pg,
            String table,
            boolean failing) {
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
                        .build();
        var stream =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "binlog")
                        .returns(InternalTypeInfo.of(TYPE))
                        .map(new SnapshotRowsAfterRestart())
                        .returns(InternalTypeInfo.of(TYPE));
        if (failing) {
            stream = stream.map(new FailingMapper()).returns(InternalTypeInfo.of(TYPE));
        }
        stream.sinkTo(
                JdbcSink.builder()
                        .url(pg.jdbcUrl("flinkx"))
                        .username(pg.user())
                        .password(pg.password())
                        .table(table)
                        .rowType(TYPE)
                        .keys(List.of("id"))
                        .build());
    }

    /**
     * Once the first 50 rows are in the target and a checkpoint completed after them (a failure
     * during the snapshot would snapshot again, by design), changes the source until the injected
     * failure has happened, changes it some more after the restart, and compares row by row.
     */
    private static void failMidRunAndCompare(
            MariaDbServer maria, DatabaseServer pg, String table, int seed) throws Exception {
        waitFor(
                () ->
                        pg.query("flinkx", "SELECT COUNT(*) FROM " + table)
                                .get(0)
                                .get(0)
                                .equals("50"));
        long afterInitialRows = FailingMapper.lastCompletedBeforeFailure;
        waitFor(() -> FailingMapper.lastCompletedBeforeFailure > afterInitialRows);
        change(maria, table, seed, 300);
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        for (int round = 1; !FailingMapper.failed && System.nanoTime() < deadline; round++) {
            change(maria, table, seed * 1000L + round, 50);
        }
        assertThat(FailingMapper.failed).as("the injected failure happened").isTrue();
        change(maria, table, seed * 1000L + 999, 200); // and more after the restart
        assertTargetEqualsSource(maria, pg, table);
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    private static void waitFor(Condition condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Condition not reached within 2 minutes");
            }
            Thread.sleep(50);
        }
    }

    /**
     * Waits until the target equals the source (or the deadline passes), then compares row by row.
     */
    private static void assertTargetEqualsSource(
            MariaDbServer maria, DatabaseServer pg, String table) throws Exception {
        String query = "SELECT id, name, amount FROM " + table + " ORDER BY id";
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        List<List<String>> expected = maria.query("cdc", query);
        while (System.nanoTime() < deadline && !pg.query("flinkx", query).equals(expected)) {
            Thread.sleep(200);
        }
        assertThat(pg.query("flinkx", query)).isEqualTo(expected);
    }

    @Test
    void failureMidRunEndsWithTargetEqualToSource() throws Exception {
        MariaDbServer maria = MariaDbServer.get();
        DatabaseServer pg = PostgresServer.get();
        String table = prepare(maria, pg, "e2e_fail_" + System.nanoTime() % 100000);
        FailingMapper.reset(FailurePoint.AFTER_CHECKPOINT, 150);
        SnapshotRowsAfterRestart.COUNT.set(0);
        SnapshotRowsAfterRestart.secondJob = false;
        StreamExecutionEnvironment env = TestClusters.restartingEnvironment(1, 200);
        startJob(env, maria, pg, table, true);
        JobClient job = env.executeAsync("binlog failover");
        try {
            failMidRunAndCompare(maria, pg, table, 1);
            assertThat(SnapshotRowsAfterRestart.COUNT.get())
                    .as("snapshot rows read again after the restart")
                    .isZero();
        } finally {
            TestClusters.cancel(job);
        }
    }

    /**
     * A failure mid-run resumes from the checkpointed position whatever position the job started
     * from. The start is taken before the table exists, so the binlog holds all its rows (and its
     * CREATE TABLE) after the start.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "started from {0}")
    @org.junit.jupiter.params.provider.EnumSource(
            value = StartupMode.class,
            names = {"EARLIEST", "SPECIFIC_OFFSET", "GTID", "TIMESTAMP"})
    void failureMidRunResumesFromEveryStartPosition(StartupMode mode) throws Exception {
        MariaDbServer maria = MariaDbServer.get();
        DatabaseServer pg = PostgresServer.get();
        maria.createDatabase("cdc");
        String file;
        long position;
        String gtids;
        try (Connection c = maria.connect("cdc");
                Statement s = c.createStatement()) {
            try (var rs = s.executeQuery("SHOW MASTER STATUS")) {
                rs.next();
                file = rs.getString(1);
                position = rs.getLong(2);
            }
            try (var rs = s.executeQuery("SELECT @@gtid_binlog_pos")) {
                rs.next();
                gtids = rs.getString(1);
            }
        }
        long startMillis = (System.currentTimeMillis() / 1000) * 1000;
        String table =
                prepare(maria, pg, "e2e_mode_" + mode.ordinal() + "_" + System.nanoTime() % 100000);
        FailingMapper.reset(FailurePoint.AFTER_CHECKPOINT, 150);
        var builder =
                BinlogSource.builder()
                        .serverFlavor(ServerFlavor.MARIADB)
                        .hostname("127.0.0.1")
                        .port(maria.port())
                        .username(maria.user())
                        .password(maria.password())
                        .tables("cdc\\." + table)
                        .rowType(TYPE);
        switch (mode) {
            case EARLIEST -> builder.startupMode(StartupMode.EARLIEST);
            case SPECIFIC_OFFSET -> builder.startupSpecificOffset(file, position);
            case GTID -> builder.startupGtid(gtids);
            case TIMESTAMP -> builder.startupTimestamp(startMillis);
            default -> throw new IllegalArgumentException(mode.toString());
        }
        StreamExecutionEnvironment env = TestClusters.restartingEnvironment(1, 200);
        env.fromSource(builder.build(), WatermarkStrategy.noWatermarks(), "binlog")
                .returns(InternalTypeInfo.of(TYPE))
                .map(new FailingMapper())
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
        JobClient job = env.executeAsync("binlog failover from " + mode);
        try {
            failMidRunAndCompare(maria, pg, table, 20 + mode.ordinal());
        } finally {
            TestClusters.cancel(job);
        }
    }

    @Test
    void aSavepointTakenRightAfterTheSnapshotResumesTheBinlog() throws Exception {
        MariaDbServer maria = MariaDbServer.get();
        DatabaseServer pg = PostgresServer.get();
        String table = prepare(maria, pg, "e2e_snap_" + System.nanoTime() % 100000);
        SnapshotRowsAfterRestart.COUNT.set(0);
        SnapshotRowsAfterRestart.secondJob = false;
        StreamExecutionEnvironment env = TestClusters.restartingEnvironment(1, 200);
        startJob(env, maria, pg, table, false);
        JobClient first = env.executeAsync("binlog snapshot only");
        // only the snapshot, no binlog change yet: the last emitted row is the last snapshot row
        waitFor(
                () ->
                        pg.query("flinkx", "SELECT COUNT(*) FROM " + table)
                                .get(0)
                                .get(0)
                                .equals("50"));
        String savepoint =
                first.stopWithSavepoint(
                                false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                        .get();

        change(maria, table, 5, 100);
        StreamExecutionEnvironment restored = TestClusters.restoredEnvironment(1, 200, savepoint);
        SnapshotRowsAfterRestart.secondJob = true;
        startJob(restored, maria, pg, table, false);
        JobClient second = restored.executeAsync("binlog after the snapshot savepoint");
        try {
            assertTargetEqualsSource(maria, pg, table);
            assertThat(SnapshotRowsAfterRestart.COUNT.get())
                    .as("snapshot rows read again after the restore")
                    .isZero();
        } finally {
            TestClusters.cancel(second);
        }
    }

    @Test
    void restartFromASavepointEndsWithTargetEqualToSource() throws Exception {
        MariaDbServer maria = MariaDbServer.get();
        DatabaseServer pg = PostgresServer.get();
        String table = prepare(maria, pg, "e2e_sp_" + System.nanoTime() % 100000);
        SnapshotRowsAfterRestart.COUNT.set(0);
        SnapshotRowsAfterRestart.secondJob = false;
        StreamExecutionEnvironment env = TestClusters.restartingEnvironment(1, 200);
        startJob(env, maria, pg, table, false);
        JobClient first = env.executeAsync("binlog before savepoint");
        change(maria, table, 2, 200);
        assertTargetEqualsSource(maria, pg, table);
        String savepoint =
                first.stopWithSavepoint(
                                false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                        .get();

        change(maria, table, 3, 200); // while no job runs

        StreamExecutionEnvironment restored = TestClusters.restoredEnvironment(1, 200, savepoint);
        SnapshotRowsAfterRestart.secondJob = true;
        startJob(restored, maria, pg, table, false);
        JobClient second = restored.executeAsync("binlog after savepoint");
        try {
            change(maria, table, 4, 100);
            assertTargetEqualsSource(maria, pg, table);
            assertThat(SnapshotRowsAfterRestart.COUNT.get())
                    .as("snapshot rows read again after the restore")
                    .isZero();
        } finally {
            TestClusters.cancel(second);
        }
    }
}
