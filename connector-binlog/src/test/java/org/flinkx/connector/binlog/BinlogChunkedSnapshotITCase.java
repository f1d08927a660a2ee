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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The chunked snapshot: read by two subtasks without locks while a writer changes the tables, with
 * a failure injected during the snapshot, the job's output (collected exactly-once) is an exact
 * changelog of the source — no insert of a row that is there already, no update or delete of a row
 * that is not, nothing missing — for a table chunked by its integer key and for tables keyed by
 * {@code (tenant INT, seq INT)} and {@code (tenant INT, code VARCHAR)} (case-insensitive), chunked
 * on {@code tenant}; a table keyed by {@code (id, region)} ends equal to the source.
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
            // a key of several columns, the second a string: chunked on id, read in groups of one
            // id
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

    private static final RowType KEYED_TYPE =
            (RowType)
                    DataTypes.ROW(
                                    DataTypes.FIELD("tenant", DataTypes.INT().notNull()),
                                    DataTypes.FIELD("seq", DataTypes.INT()),
                                    DataTypes.FIELD("code", DataTypes.STRING()),
                                    DataTypes.FIELD("name", DataTypes.STRING()),
                                    DataTypes.FIELD("amount", DataTypes.DECIMAL(10, 2)),
                                    DataTypes.FIELD("table_name", DataTypes.STRING()))
                            .getLogicalType();

    private static final int TENANTS = 60;
    private static final int ROWS_PER_TENANT = 30;
    private static final int BIG_TENANT = 13; // more rows than a chunk
    private static final int BIG_TENANT_ROWS = 400;

    /**
     * Codes whose order under a case-insensitive collation ("a2" < "B3") is not Java's ("B3" <
     * "a2").
     */
    private static String code(int i, boolean flipCase) {
        String code = (i % 2 == 0 ? "a" : "B") + i;
        return flipCase ? code.toUpperCase(java.util.Locale.ROOT) : code;
    }

    /**
     * Tables are read in the order of their names, and the failure comes soon after the first
     * checkpoint: with the tables of integer, date and time keys first the restored checkpoint was
     * taken inside their chunks (mostly inside a tenant), with the string-keyed table first inside
     * its chunks.
     */
    @ParameterizedTest(name = "string-keyed table first: {0}")
    @ValueSource(booleans = {false, true})
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aFailureDuringAParallelSnapshotOfTablesKeyedBySeveralColumnsEndsInAnExactChangelog(
            boolean stringKeysFirst) throws Exception {
        MariaDbServer maria = MariaDbServer.get();
        maria.createDatabase("cdc");
        long suffix = System.nanoTime() % 100000;
        String seqs = (stringKeysFirst ? "keyed_b_seqs_" : "keyed_a_seqs_") + suffix;
        String times = (stringKeysFirst ? "keyed_c_times_" : "keyed_b_times_") + suffix;
        String codes = (stringKeysFirst ? "keyed_a_codes_" : "keyed_c_codes_") + suffix;
        try (Connection c = maria.connect("cdc");
                Statement s = c.createStatement()) {
            s.execute("SET time_zone = '+00:00'");
            // a key of dates and times whose order is not that of seq (each a function of seq)
            s.execute(
                    "CREATE TABLE "
                            + times
                            + " (seq INT NOT NULL, tenant INT NOT NULL, code VARCHAR(16), "
                            + "name VARCHAR(32), amount DECIMAL(10,2), day DATE NOT NULL, "
                            + "at DATETIME(6) NOT NULL, ts TIMESTAMP(6) NOT NULL, "
                            + "PRIMARY KEY (tenant, day, at, ts, seq))");
            // columns not in key order: the key is (tenant, seq)
            s.execute(
                    "CREATE TABLE "
                            + seqs
                            + " (seq INT NOT NULL, tenant INT NOT NULL, code VARCHAR(16), "
                            + "name VARCHAR(32), amount DECIMAL(10,2), PRIMARY KEY (tenant, seq))");
            s.execute(
                    "CREATE TABLE "
                            + codes
                            + " (seq INT, tenant INT NOT NULL, "
                            + "code VARCHAR(16) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci NOT NULL, "
                            + "name VARCHAR(32), amount DECIMAL(10,2), PRIMARY KEY (tenant, code))");
            for (String table : List.of(seqs, codes)) {
                StringBuilder rows = new StringBuilder();
                for (int tenant = 1; tenant <= TENANTS; tenant++) {
                    int count = tenant == BIG_TENANT ? BIG_TENANT_ROWS : ROWS_PER_TENANT;
                    for (int i = 1; i <= count; i++) {
                        rows.append(rows.length() == 0 ? "" : ",")
                                .append("(")
                                .append(i * 2) // sparse
                                .append(", ")
                                .append(tenant)
                                .append(", '")
                                .append(code(i, false))
                                .append("', 'initial', ")
                                .append(i)
                                .append(".25)");
                    }
                }
                s.execute("INSERT INTO " + table + " VALUES " + rows);
            }
            s.execute(
                    "INSERT INTO "
                            + times
                            + " SELECT seq, tenant, code, name, amount, "
                            + timesOf("seq")
                            + " FROM "
                            + seqs);
        }
        Map<String, Long> locksBefore = lockCounters(maria);

        FailingMapper.reset(
                FailurePoint.AFTER_CHECKPOINT, 1000, row -> KeyedChangelog.key(row).hashCode());
        StreamExecutionEnvironment env = TestClusters.restartingEnvironment(2, 200);
        RowType physical =
                (RowType)
                        DataTypes.ROW(
                                        DataTypes.FIELD("tenant", DataTypes.INT().notNull()),
                                        DataTypes.FIELD("seq", DataTypes.INT()),
                                        DataTypes.FIELD("code", DataTypes.STRING()),
                                        DataTypes.FIELD("name", DataTypes.STRING()),
                                        DataTypes.FIELD("amount", DataTypes.DECIMAL(10, 2)))
                                .getLogicalType();
        BinlogSource source =
                BinlogSource.builder()
                        .serverFlavor(ServerFlavor.MARIADB)
                        .hostname("127.0.0.1")
                        .port(maria.port())
                        .username(maria.user())
                        .password(maria.password())
                        .tables("cdc\\." + seqs, "cdc\\." + codes, "cdc\\." + times)
                        .rowType(physical)
                        .metadata(BinlogMetadata.TABLE_NAME)
                        .startupMode(StartupMode.INITIAL)
                        .snapshotChunks(true, 100)
                        .rateLimit(new RateLimit(1000, 0))
                        .build();
        CloseableIterator<RowData> output =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "binlog")
                        .returns(InternalTypeInfo.of(KEYED_TYPE))
                        .map(new FailingMapper())
                        .returns(InternalTypeInfo.of(KEYED_TYPE))
                        .executeAndCollect("chunked snapshot of keys of several columns");
        KeyedChangelog changelog = new KeyedChangelog();
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
            CompletableFuture<Void> writer =
                    CompletableFuture.runAsync(() -> changeKeyed(maria, seqs, codes, times));
            while (true) {
                RowData row = rows.poll(100, TimeUnit.MILLISECONDS);
                if (row != null) {
                    changelog.apply(row);
                    assertThat(changelog.violations).as("changelog violations").isEmpty();
                } else if (writer.isDone() && changelog.matches(maria, seqs, codes, times)) {
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
                .isNotEmpty()
                .hasSizeLessThan(3 * ((TENANTS - 1) * ROWS_PER_TENANT + BIG_TENANT_ROWS));
        assertThat(FailingMapper.seenBySubtask).as("both subtasks read snapshot chunks").hasSize(2);
        assertThat(lockCounters(maria))
                .as("no FLUSH TABLES WITH READ LOCK, no LOCK TABLES")
                .isEqualTo(locksBefore);
    }

    /**
     * The DATE, DATETIME(6) and TIMESTAMP(6) of the key of {@code seq} (an SQL expression): a
     * function of seq in another order, with microseconds and dates before 1970.
     */
    private static String timesOf(String seq) {
        return "DATE '1960-01-01' + INTERVAL ("
                + seq
                + " * 7919 % 9000) DAY, "
                + "TIMESTAMP '2020-01-01 00:00:00' + INTERVAL ("
                + seq
                + " * 104729 % 1000000) MICROSECOND, "
                + "TIMESTAMP '2001-01-01 00:00:00' + INTERVAL ("
                + seq
                + " * 31 % 5000) SECOND + INTERVAL ("
                + seq
                + " % 7) MICROSECOND";
    }

    /**
     * Random inserts, updates and deletes on the three tables, inside existing tenants (also the
     * big one) and in new ones, with codes in either case (the same row under the collation).
     */
    private static void changeKeyed(MariaDbServer maria, String seqs, String codes, String times) {
        Random random = new Random(11);
        try (Connection c = maria.connect("cdc");
                Statement session = c.createStatement();
                PreparedStatement upsertTimes =
                        c.prepareStatement(
                                "INSERT INTO "
                                        + times
                                        + " (seq, tenant, name, amount, day, at, ts) "
                                        + "SELECT ?, ?, ?, ?, "
                                        + timesOf("?")
                                        + " ON DUPLICATE KEY UPDATE name = VALUES(name), amount = VALUES(amount)");
                PreparedStatement deleteTimes =
                        c.prepareStatement(
                                "DELETE FROM " + times + " WHERE seq = ? AND tenant = ?");
                PreparedStatement upsertSeqs =
                        c.prepareStatement(
                                "INSERT INTO "
                                        + seqs
                                        + " (seq, tenant, name, amount) VALUES (?, ?, ?, ?) "
                                        + "ON DUPLICATE KEY UPDATE name = VALUES(name), amount = VALUES(amount)");
                PreparedStatement deleteSeqs =
                        c.prepareStatement(
                                "DELETE FROM " + seqs + " WHERE seq = ? AND tenant = ?");
                PreparedStatement upsertCodes =
                        c.prepareStatement(
                                "INSERT INTO "
                                        + codes
                                        + " (code, tenant, name, amount) VALUES (?, ?, ?, ?) "
                                        + "ON DUPLICATE KEY UPDATE name = VALUES(name), amount = VALUES(amount)");
                PreparedStatement deleteCodes =
                        c.prepareStatement(
                                "DELETE FROM " + codes + " WHERE code = ? AND tenant = ?")) {
            session.execute("SET time_zone = '+00:00'");
            for (int i = 0; i < 1000; i++) {
                int which = random.nextInt(3);
                boolean onSeqs = which != 1; // seqs or times: keyed by seq
                boolean onTimes = which == 2;
                int tenant = random.nextInt(8) == 0 ? BIG_TENANT : 1 + random.nextInt(TENANTS + 5);
                int n = 1 + random.nextInt(tenant == BIG_TENANT ? BIG_TENANT_ROWS + 10 : 40);
                boolean delete = random.nextInt(5) == 0;
                PreparedStatement statement =
                        onTimes
                                ? (delete ? deleteTimes : upsertTimes)
                                : onSeqs
                                        ? (delete ? deleteSeqs : upsertSeqs)
                                        : (delete ? deleteCodes : upsertCodes);
                int seq = random.nextBoolean() ? n * 2 : n * 2 + 1; // odd: between initial ones
                if (onSeqs) {
                    statement.setInt(1, seq);
                } else {
                    statement.setString(1, code(n, random.nextInt(4) == 0));
                }
                statement.setInt(2, tenant);
                if (!delete) {
                    statement.setString(3, random.nextInt(10) == 0 ? null : "changed-" + i);
                    statement.setBigDecimal(
                            4, java.math.BigDecimal.valueOf(random.nextInt(100000), 2));
                    if (onTimes) {
                        for (int p = 5; p <= 8; p++) {
                            statement.setInt(p, seq); // the key's dates and times
                        }
                    }
                }
                statement.executeUpdate();
                if (i % 10 == 0) {
                    Thread.sleep(10);
                }
            }
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }

    /**
     * The collected changelog of the keyed tables applied row by row, strictly: an insert of a
     * present row, or an update-before/delete of an absent or different row, is a violation. A row
     * is identified by its table and whole key.
     */
    private static final class KeyedChangelog {
        final Map<String, List<String>> rows = new HashMap<>();
        final List<String> violations = new ArrayList<>();

        static String key(RowData row) {
            String table = row.getString(5).toString();
            return table
                    + "|"
                    + row.getInt(0)
                    + "|"
                    + (table.contains("_codes_")
                            ? row.getString(2).toString()
                            : String.valueOf(row.getInt(1)));
        }

        void apply(RowData row) {
            String key = key(row);
            boolean bySeq = !row.getString(5).toString().contains("_codes_");
            List<String> value =
                    Arrays.asList(
                            bySeq
                                    ? (row.isNullAt(2) ? null : row.getString(2).toString())
                                    : (row.isNullAt(1) ? null : String.valueOf(row.getInt(1))),
                            row.isNullAt(3) ? null : row.getString(3).toString(),
                            row.isNullAt(4) ? null : row.getDecimal(4, 10, 2).toString());
            RowKind kind = row.getRowKind();
            if (kind == RowKind.INSERT || kind == RowKind.UPDATE_AFTER) {
                List<String> previous = rows.put(key, value);
                if (previous != null) {
                    violations.add(
                            kind + " of present row " + key + ": " + previous + " -> " + value);
                }
            } else {
                List<String> previous = rows.remove(key);
                if (!value.equals(previous)) {
                    violations.add(
                            kind + " of " + key + " " + value + " but the row was " + previous);
                }
            }
        }

        boolean matches(MariaDbServer maria, String seqs, String codes, String times)
                throws Exception {
            if (!violations.isEmpty()) {
                return false;
            }
            Map<String, List<String>> source = new HashMap<>();
            for (String table : List.of(seqs, times)) {
                for (List<String> row :
                        maria.query(
                                "cdc", "SELECT tenant, seq, code, name, amount FROM " + table)) {
                    source.put(
                            table + "|" + row.get(0) + "|" + row.get(1),
                            Arrays.asList(row.get(2), row.get(3), row.get(4)));
                }
            }
            for (List<String> row :
                    maria.query("cdc", "SELECT tenant, seq, code, name, amount FROM " + codes)) {
                source.put(
                        codes + "|" + row.get(0) + "|" + row.get(2),
                        Arrays.asList(row.get(1), row.get(3), row.get(4)));
            }
            return source.equals(rows);
        }
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
     * upserts for the table keyed by (id, region) (the strict checks of such tables are in the
     * keyed test).
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
