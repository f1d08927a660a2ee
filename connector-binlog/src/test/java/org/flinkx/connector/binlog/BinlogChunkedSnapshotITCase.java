package org.flinkx.connector.binlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.CloseableIterator;
import org.flinkx.connector.binlog.config.BinlogMetadata;
import org.flinkx.connector.binlog.config.ServerFlavor;
import org.flinkx.connector.binlog.config.StartupMode;
import org.flinkx.connector.binlog.source.BinlogSource;
import org.flinkx.connector.common.options.RateLimit;
import org.flinkx.connector.jdbc.testutils.FailingMapper;
import org.flinkx.connector.jdbc.testutils.FailingMapper.FailurePoint;
import org.flinkx.connector.jdbc.testutils.MariaDbServer;
import org.flinkx.connector.jdbc.testutils.TestClusters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The chunked snapshot: read by two subtasks without locks while a writer changes the tables, with
 * a failure injected during the snapshot, the job's output (collected exactly-once) is an exact
 * changelog of the source — no insert of a row that is there already, no update or delete of a row
 * that is not, nothing missing — for a table chunked by its integer key; a table without one (read
 * as one chunk, again after a failure) ends equal to the source.
 */
class BinlogChunkedSnapshotITCase {

    @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.withSlots(4);

    private static final RowType TYPE =
            (RowType)
                    DataTypes.ROW(
                                    DataTypes.FIELD("id", DataTypes.BIGINT().notNull()),
                                    DataTypes.FIELD("name", DataTypes.STRING()),
                                    DataTypes.FIELD("amount", DataTypes.DECIMAL(10, 2)),
                                    DataTypes.FIELD("table_name", DataTypes.STRING()))
                            .getLogicalType();

    private static final int ROWS_A = 3000;
    private static final int ROWS_B = 300;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aFailureDuringAParallelSnapshotEndsInAnExactChangelog() throws Exception {
        MariaDbServer maria = MariaDbServer.get();
        maria.createDatabase("cdc");
        String a = "chunked_a_" + System.nanoTime() % 100000;
        String b = "chunked_b_" + System.nanoTime() % 100000;
        try (Connection c = maria.connect("cdc");
                Statement s = c.createStatement()) {
            s.execute(
                    "CREATE TABLE "
                            + a
                            + " (id BIGINT PRIMARY KEY, name VARCHAR(32), amount DECIMAL(10,2))");
            // a composite key: not chunked, read as one chunk
            s.execute(
                    "CREATE TABLE "
                            + b
                            + " (id BIGINT, region VARCHAR(8), name VARCHAR(32), amount DECIMAL(10,2), "
                            + "PRIMARY KEY (id, region))");
            StringBuilder rows = new StringBuilder();
            for (int i = 1; i <= ROWS_A; i++) {
                // sparse keys: 3, 6, 9, ...
                rows.append(rows.length() == 0 ? "" : ",")
                        .append("(")
                        .append(i * 3L)
                        .append(", 'initial-")
                        .append(i)
                        .append("', ")
                        .append(i)
                        .append(".25)");
            }
            s.execute("INSERT INTO " + a + " VALUES " + rows);
            rows.setLength(0);
            for (int i = 1; i <= ROWS_B; i++) {
                rows.append(rows.length() == 0 ? "" : ",")
                        .append("(")
                        .append(i)
                        .append(", 'eu', 'initial-")
                        .append(i)
                        .append("', ")
                        .append(i)
                        .append(".50)");
            }
            s.execute("INSERT INTO " + b + " VALUES " + rows);
        }
        Map<String, Long> locksBefore = lockCounters(maria);

        FailingMapper.reset(FailurePoint.AFTER_CHECKPOINT, 1000);
        StreamExecutionEnvironment env = TestClusters.restartingEnvironment(2, 200);
        BinlogSource source =
                BinlogSource.builder()
                        .serverFlavor(ServerFlavor.MARIADB)
                        .hostname("127.0.0.1")
                        .port(maria.port())
                        .username(maria.user())
                        .password(maria.password())
                        .tables("cdc\\." + a, "cdc\\." + b)
                        .rowType(
                                (RowType)
                                        DataTypes.ROW(
                                                        DataTypes.FIELD(
                                                                "id", DataTypes.BIGINT().notNull()),
                                                        DataTypes.FIELD("name", DataTypes.STRING()),
                                                        DataTypes.FIELD(
                                                                "amount", DataTypes.DECIMAL(10, 2)))
                                                .getLogicalType())
                        .metadata(BinlogMetadata.TABLE_NAME)
                        .startupMode(StartupMode.INITIAL)
                        .snapshotChunks(true, 100)
                        .rateLimit(
                                new RateLimit(
                                        1000,
                                        0)) // per subtask: several checkpoints during the snapshot
                        .build();
        CloseableIterator<RowData> output =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "binlog")
                        .returns(InternalTypeInfo.of(TYPE))
                        .map(new FailingMapper())
                        .returns(InternalTypeInfo.of(TYPE))
                        .executeAndCollect("chunked snapshot with a failure");
        Changelog changelog = new Changelog(a);
        BlockingQueue<RowData> rows = new LinkedBlockingQueue<>();
        Thread consumer =
                new Thread(
                        () -> {
                            try {
                                while (output.hasNext()) {
                                    rows.add(output.next());
                                }
                            } catch (RuntimeException closed) {
                                // the iterator was closed
                            }
                        });
        consumer.start();
        try {
            // the writer runs during the snapshot
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> change(maria, a, b));
            while (true) {
                RowData row = rows.poll(100, TimeUnit.MILLISECONDS);
                if (row != null) {
                    changelog.apply(row);
                    assertThat(changelog.violations).as("changelog violations").isEmpty();
                } else if (writer.isDone() && changelog.matches(maria, a, b)) {
                    break;
                }
            }
            writer.join();
        } finally {
            output.close();
            consumer.join();
        }
        assertThat(changelog.violations).isEmpty();
        assertThat(FailingMapper.failed).as("the injected failure happened").isTrue();
        Set<Long> restored = FailingMapper.seenAtRestoredCheckpoint();
        assertThat(restored)
                .as("the restored checkpoint was taken during the snapshot")
                .isNotEmpty();
        Set<Long> initialIdsOfA = new java.util.HashSet<>();
        for (long i = 1; i <= ROWS_A; i++) {
            initialIdsOfA.add(i * 3);
        }
        assertThat(restored.containsAll(initialIdsOfA))
                .as("... before every snapshot row was read")
                .isFalse();
        assertThat(FailingMapper.seenBySubtask).as("both subtasks read snapshot chunks").hasSize(2);
        assertThat(lockCounters(maria))
                .as("no FLUSH TABLES WITH READ LOCK, no LOCK TABLES")
                .isEqualTo(locksBefore);
    }

    private static Map<String, Long> lockCounters(MariaDbServer maria) throws Exception {
        Map<String, Long> counters = new HashMap<>();
        try (Connection c = maria.connect("cdc");
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SHOW GLOBAL STATUS WHERE Variable_name IN ('Com_flush', 'Com_lock_tables')")) {
            while (rs.next()) {
                counters.put(rs.getString(1), rs.getLong(2));
            }
        }
        assertThat(counters).hasSize(2);
        return counters;
    }

    /** Random inserts, updates and deletes on both tables, spread over the snapshot. */
    private static void change(MariaDbServer maria, String a, String b) {
        Random random = new Random(7);
        try (Connection c = maria.connect("cdc");
                PreparedStatement upsertA =
                        c.prepareStatement(
                                "INSERT INTO "
                                        + a
                                        + " VALUES (?, ?, ?) "
                                        + "ON DUPLICATE KEY UPDATE name = VALUES(name), amount = VALUES(amount)");
                PreparedStatement deleteA =
                        c.prepareStatement("DELETE FROM " + a + " WHERE id = ?");
                PreparedStatement upsertB =
                        c.prepareStatement(
                                "INSERT INTO "
                                        + b
                                        + " VALUES (?, 'eu', ?, ?) "
                                        + "ON DUPLICATE KEY UPDATE name = VALUES(name), amount = VALUES(amount)");
                PreparedStatement deleteB =
                        c.prepareStatement("DELETE FROM " + b + " WHERE id = ?")) {
            for (int i = 0; i < 600; i++) {
                boolean onA = random.nextInt(4) != 0;
                long id =
                        onA
                                ? 1 + random.nextInt(ROWS_A * 3 + 300)
                                : 1 + random.nextInt(ROWS_B + 30);
                if (random.nextInt(5) == 0) {
                    PreparedStatement delete = onA ? deleteA : deleteB;
                    delete.setLong(1, id);
                    delete.executeUpdate();
                } else {
                    PreparedStatement upsert = onA ? upsertA : upsertB;
                    upsert.setLong(1, id);
                    upsert.setString(2, random.nextInt(10) == 0 ? null : "changed-" + i);
                    upsert.setBigDecimal(
                            3, java.math.BigDecimal.valueOf(random.nextInt(100000), 2));
                    upsert.executeUpdate();
                }
                if (i % 10 == 0) {
                    Thread.sleep(10);
                }
            }
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }

    /**
     * The collected changelog applied row by row: strictly for the chunked table (an insert of a
     * present row, or an update-before/delete of an absent or different row, is a violation), as
     * upserts for the table read as one chunk (read again after a failure).
     */
    private static final class Changelog {
        final String strictTable;
        final Map<String, Map<Long, List<String>>> tables = new HashMap<>();
        final List<String> violations = new ArrayList<>();

        Changelog(String strictTable) {
            this.strictTable = strictTable;
        }

        void apply(RowData row) {
            String table = row.getString(3).toString();
            long id = row.getLong(0);
            List<String> value =
                    Arrays.asList(
                            row.isNullAt(1) ? null : row.getString(1).toString(),
                            row.isNullAt(2) ? null : row.getDecimal(2, 10, 2).toString());
            Map<Long, List<String>> rows = tables.computeIfAbsent(table, t -> new HashMap<>());
            boolean strict = table.equals(strictTable);
            RowKind kind = row.getRowKind();
            if (kind == RowKind.INSERT || kind == RowKind.UPDATE_AFTER) {
                List<String> previous = rows.put(id, value);
                if (strict && previous != null) {
                    violations.add(
                            kind
                                    + " of present row "
                                    + table
                                    + " "
                                    + id
                                    + ": "
                                    + previous
                                    + " -> "
                                    + value);
                }
            } else {
                List<String> previous = rows.remove(id);
                if (strict && !value.equals(previous)) {
                    violations.add(
                            kind
                                    + " of "
                                    + table
                                    + " "
                                    + id
                                    + " "
                                    + value
                                    + " but the row was "
                                    + previous);
                }
            }
        }

        boolean matches(MariaDbServer maria, String a, String b) throws Exception {
            return violations.isEmpty()
                    && source(maria, a).equals(tables.getOrDefault(a, Map.of()))
                    && source(maria, b).equals(tables.getOrDefault(b, Map.of()));
        }

        private static Map<Long, List<String>> source(MariaDbServer maria, String table)
                throws Exception {
            Map<Long, List<String>> rows = new HashMap<>();
            for (List<String> row : maria.query("cdc", "SELECT id, name, amount FROM " + table)) {
                rows.put(Long.parseLong(row.get(0)), Arrays.asList(row.get(1), row.get(2)));
            }
            return rows;
        }
    }
}
