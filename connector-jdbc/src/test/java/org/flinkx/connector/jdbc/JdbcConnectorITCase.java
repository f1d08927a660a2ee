package org.flinkx.connector.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.IntType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.VarCharType;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.ExceptionUtils;
import org.flinkx.connector.common.options.DirtyDataConfig;
import org.flinkx.connector.common.options.DirtySinkKind;
import org.flinkx.connector.common.options.ErrorLimit;
import org.flinkx.connector.common.testutils.Failures;
import org.flinkx.connector.common.testutils.ToSubtask;
import org.flinkx.connector.jdbc.sink.JdbcSink;
import org.flinkx.connector.jdbc.testutils.DatabaseServer;
import org.flinkx.connector.jdbc.testutils.TestClusters;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JDBC connector against a real database server. One subclass per database supplies the server
 * and its column types; every test here runs against each.
 */
abstract class JdbcConnectorITCase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = TestClusters.withSlots(4);

    private static final AtomicInteger TABLE_COUNTER = new AtomicInteger();

    @TempDir Path tempDir;

    protected StreamTableEnvironment tEnv;
    protected StreamExecutionEnvironment env;

    /** The server under test. */
    protected abstract DatabaseServer server();

    /** The connector identifier, e.g. {@code flinkx-postgresql}. */
    protected abstract String identifier();

    /** Database column types for the standard test table. */
    protected abstract String timestampType();

    protected abstract String textType();

    protected static final String DATABASE = "flinkx";

    @BeforeEach
    void createEnvironment() {
        server().createDatabase(DATABASE);
        env = TestClusters.environment(2);
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        tEnv = StreamTableEnvironment.create(env);
    }

    // ------------------------------------------------------------------ helpers

    protected String newTable(String prefix) {
        return prefix + "_" + TABLE_COUNTER.incrementAndGet() + "_" + System.nanoTime() % 100000;
    }

    protected void execute(String... statements) throws SQLException {
        try (Connection c = server().connect(DATABASE);
                Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /** Creates the standard table {@code (id BIGINT PK, name, amount, created, note)}. */
    protected void createOrdersTable(String table, boolean primaryKey) throws SQLException {
        execute(
                "CREATE TABLE "
                        + table
                        + " (id BIGINT NOT NULL"
                        + (primaryKey ? " PRIMARY KEY" : "")
                        + ", name VARCHAR(64) NOT NULL, amount DECIMAL(18,4), created "
                        + timestampType()
                        + ", note "
                        + textType()
                        + ")");
    }

    protected void insertOrders(String table, int from, int to) throws SQLException {
        try (Connection c = server().connect(DATABASE);
                PreparedStatement ps =
                        c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?, ?, ?)")) {
            for (int i = from; i < to; i++) {
                ps.setLong(1, i);
                ps.setString(2, "name-" + i + "-äöü");
                ps.setBigDecimal(3, new java.math.BigDecimal(i).movePointLeft(2));
                ps.setObject(
                        4,
                        java.time.LocalDateTime.of(2024, 1, 1, 0, 0)
                                .plusMinutes(i)
                                .withNano(123_000_000));
                ps.setString(5, i % 7 == 0 ? null : "note " + i);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    protected String flinkOrdersColumns(boolean primaryKey) {
        return "id BIGINT NOT NULL, name STRING, amount DECIMAL(18,4), created TIMESTAMP(3), note STRING"
                + (primaryKey ? ", PRIMARY KEY (id) NOT ENFORCED" : "");
    }

    protected String with(String table, String... extra) {
        StringBuilder sb =
                new StringBuilder(" WITH ('connector' = '")
                        .append(identifier())
                        .append("', 'url' = '")
                        .append(server().jdbcUrl(DATABASE))
                        .append("', 'table-name' = '")
                        .append(table)
                        .append("', 'username' = '")
                        .append(server().user())
                        .append("', 'password' = '")
                        .append(server().password())
                        .append("'");
        for (String option : extra) {
            sb.append(", ").append(option);
        }
        return sb.append(")").toString();
    }

    protected List<List<String>> rows(String sql) throws SQLException {
        return server().query(DATABASE, sql);
    }

    protected long count(String table) throws SQLException {
        return Long.parseLong(String.valueOf(rows("SELECT COUNT(*) FROM " + table).get(0).get(0)));
    }

    protected List<Row> collect(String query) throws Exception {
        List<Row> result = new ArrayList<>();
        try (CloseableIterator<Row> it = tEnv.executeSql(query).collect()) {
            it.forEachRemaining(result::add);
        }
        return result;
    }

    /** Every line of every file in a dirty-storage directory. */
    protected static List<String> dirtyLines(Path directory) throws java.io.IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.flatMap(
                            f -> {
                                try {
                                    return Files.readAllLines(f).stream();
                                } catch (java.io.IOException e) {
                                    throw new java.io.UncheckedIOException(e);
                                }
                            })
                    .collect(Collectors.toList());
        }
    }

    protected static String rootMessage(Throwable t) {
        return ExceptionUtils.stringifyException(t);
    }

    // ------------------------------------------------------------------ tests

    @Test
    void fullSyncCopiesEveryRowWithParallelSplits() throws Exception {
        String src = newTable("src");
        String dst = newTable("dst");
        createOrdersTable(src, true);
        createOrdersTable(dst, true);
        insertOrders(src, 0, 5000);
        tEnv.executeSql(
                "CREATE TABLE s ("
                        + flinkOrdersColumns(true)
                        + ")"
                        + with(src, "'scan.partition.num' = '5'"));
        tEnv.executeSql("CREATE TABLE d (" + flinkOrdersColumns(true) + ")" + with(dst));
        tEnv.executeSql("INSERT INTO d SELECT * FROM s").await();

        assertThat(rows("SELECT * FROM " + dst + " ORDER BY id"))
                .hasSize(5000)
                .isEqualTo(rows("SELECT * FROM " + src + " ORDER BY id"));
    }

    @Test
    void modStrategySplitsCoverEveryRowOnce() throws Exception {
        String src = newTable("src");
        String dst = newTable("dst");
        createOrdersTable(src, true);
        createOrdersTable(dst, false);
        insertOrders(src, -50, 950);
        tEnv.executeSql(
                "CREATE TABLE s ("
                        + flinkOrdersColumns(true)
                        + ")"
                        + with(
                                src,
                                "'scan.partition.strategy' = 'mod'",
                                "'scan.partition.num' = '3'"));
        tEnv.executeSql("CREATE TABLE d (" + flinkOrdersColumns(false) + ")" + with(dst));
        tEnv.executeSql("INSERT INTO d SELECT * FROM s").await();

        assertThat(rows("SELECT * FROM " + dst + " ORDER BY id"))
                .isEqualTo(rows("SELECT * FROM " + src + " ORDER BY id"));
    }

    @Test
    void incrementalSyncReadsOnlyRowsAboveTheStartValue() throws Exception {
        String src = newTable("src");
        createOrdersTable(src, true);
        insertOrders(src, 0, 100);
        tEnv.executeSql(
                "CREATE TABLE s ("
                        + flinkOrdersColumns(true)
                        + ")"
                        + with(
                                src,
                                "'scan.incremental.column' = 'id'",
                                "'scan.incremental.start-value' = '89'"));
        List<Long> ids =
                collect("SELECT id FROM s").stream()
                        .map(r -> (Long) r.getField(0))
                        .sorted()
                        .toList();
        assertThat(ids).containsExactly(90L, 91L, 92L, 93L, 94L, 95L, 96L, 97L, 98L, 99L);
    }

    @Test
    void pollingSyncPicksUpRowsInsertedLater() throws Exception {
        String src = newTable("src");
        String dst = newTable("dst");
        createOrdersTable(src, true);
        createOrdersTable(dst, true);
        insertOrders(src, 0, 10);
        env.enableCheckpointing(200);
        tEnv.executeSql(
                "CREATE TABLE s ("
                        + flinkOrdersColumns(true)
                        + ")"
                        + with(
                                src,
                                "'scan.incremental.column' = 'id'",
                                "'scan.incremental.polling-interval' = '200ms'"));
        tEnv.executeSql(
                "CREATE TABLE d ("
                        + flinkOrdersColumns(true)
                        + ")"
                        + with(dst, "'sink.buffer-flush.interval' = '100ms'"));
        TableResult result = tEnv.executeSql("INSERT INTO d SELECT * FROM s");
        try {
            waitForCount(dst, 10);
            insertOrders(src, 10, 25);
            waitForCount(dst, 25);
        } finally {
            result.getJobClient().orElseThrow().cancel().get();
        }
        assertThat(rows("SELECT * FROM " + dst + " ORDER BY id"))
                .isEqualTo(rows("SELECT * FROM " + src + " ORDER BY id"));
    }

    protected void waitForCount(String table, long expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (count(table) < expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "Table "
                                + table
                                + " never reached "
                                + expected
                                + " rows, has "
                                + count(table));
            }
            Thread.sleep(100);
        }
    }

    @Test
    void pushedDownFilterProjectionAndLimitReturnTheRightRows() throws Exception {
        String src = newTable("src");
        createOrdersTable(src, true);
        insertOrders(src, 0, 200);
        tEnv.executeSql("CREATE TABLE s (" + flinkOrdersColumns(true) + ")" + with(src));
        List<Row> filtered =
                collect("SELECT id, name FROM s WHERE id >= 150 AND id < 160 AND note IS NOT NULL");
        assertThat(filtered.stream().map(r -> (Long) r.getField(0)).sorted().toList())
                .containsExactly(150L, 151L, 152L, 153L, 155L, 156L, 157L, 158L, 159L);
        assertThat(filtered).allSatisfy(r -> assertThat(r.getArity()).isEqualTo(2));
        assertThat(collect("SELECT * FROM s LIMIT 7")).hasSize(7);
    }

    @Test
    void shardedReadAddsDatabaseAndTableMetadata() throws Exception {
        String a = newTable("shard_a");
        String b = newTable("shard_b");
        createOrdersTable(a, true);
        createOrdersTable(b, true);
        insertOrders(a, 0, 30);
        insertOrders(b, 100, 120);
        tEnv.executeSql(
                "CREATE TABLE s ("
                        + flinkOrdersColumns(false)
                        + ", db STRING METADATA FROM 'database_name' VIRTUAL, tbl STRING METADATA FROM 'table_name' VIRTUAL)"
                        + with(a + "," + b));
        List<Row> rows = collect("SELECT id, db, tbl FROM s");
        assertThat(rows).hasSize(50);
        assertThat(rows)
                .allSatisfy(
                        r -> {
                            long id = (Long) r.getField(0);
                            assertThat(r.getField(1)).isEqualTo(DATABASE);
                            assertThat(r.getField(2)).isEqualTo(id < 100 ? a : b);
                        });
    }

    @Test
    void customQueryAndSecondShardServerAreRead() throws Exception {
        String table = newTable("shard");
        createOrdersTable(table, true);
        insertOrders(table, 0, 20);
        server().createDatabase("flinkx_shard2");
        try (Connection c = server().connect("flinkx_shard2");
                Statement s = c.createStatement()) {
            s.execute(
                    "CREATE TABLE "
                            + table
                            + " (id BIGINT NOT NULL PRIMARY KEY, name VARCHAR(64) NOT NULL, "
                            + "amount DECIMAL(18,4), created "
                            + timestampType()
                            + ", note "
                            + textType()
                            + ")");
            s.execute(
                    "INSERT INTO "
                            + table
                            + " (id, name) VALUES (1000, 'second'), (1001, 'second')");
        }
        tEnv.executeSql(
                "CREATE TABLE s ("
                        + flinkOrdersColumns(true)
                        + ", db STRING METADATA FROM 'database_name' VIRTUAL)"
                        + with(
                                table,
                                "'scan.shard.urls' = '" + server().jdbcUrl("flinkx_shard2") + "'",
                                "'scan.where' = 'id < 1001 AND id >= 15'"));
        assertThat(collect("SELECT id, db FROM s").stream().map(Row::toString).sorted().toList())
                .containsExactly(
                        "+I[1000, flinkx_shard2]",
                        "+I[15, flinkx]",
                        "+I[16, flinkx]",
                        "+I[17, flinkx]",
                        "+I[18, flinkx]",
                        "+I[19, flinkx]");

        tEnv.executeSql(
                "CREATE TABLE q (id BIGINT, total DECIMAL(18, 4)) WITH ('connector' = '"
                        + identifier()
                        + "', 'url' = '"
                        + server().jdbcUrl(DATABASE)
                        + "', 'username' = '"
                        + server().user()
                        + "', 'password' = '"
                        + server().password()
                        + "', 'scan.query' = 'SELECT id, amount * 2 AS total FROM "
                        + table
                        + " WHERE id < 3', 'scan.partition.column' = 'id', 'scan.partition.num' = '2')");
        assertThat(collect("SELECT * FROM q").stream().map(Row::toString).sorted().toList())
                .containsExactly("+I[0, 0.0000]", "+I[1, 0.0200]", "+I[2, 0.0400]");
    }

    @Test
    void replaceAndUpdateWriteModes() throws Exception {
        String dst = newTable("dst");
        execute(
                "CREATE TABLE "
                        + dst
                        + " (id INT NOT NULL PRIMARY KEY, a VARCHAR(10), b VARCHAR(10))");
        execute("INSERT INTO " + dst + " VALUES (1, 'old', 'old'), (2, 'old', 'old')");
        tEnv.executeSql(
                "CREATE TABLE u (id INT NOT NULL, a STRING, b STRING, PRIMARY KEY (id) NOT ENFORCED)"
                        + with(dst, "'sink.write-mode' = 'update'"));
        tEnv.executeSql("INSERT INTO u VALUES (1, 'new', 'new'), (3, 'none', 'none')").await();
        assertThat(rows("SELECT * FROM " + dst + " ORDER BY id"))
                .containsExactly(List.of("1", "new", "new"), List.of("2", "old", "old"));

        tEnv.executeSql(
                "CREATE TABLE r (id INT NOT NULL, a STRING, b STRING, PRIMARY KEY (id) NOT ENFORCED)"
                        + with(dst, "'sink.write-mode' = 'replace'"));
        tEnv.executeSql("INSERT INTO r VALUES (2, 'rep', CAST(NULL AS STRING)), (4, 'ins', 'ins')")
                .await();
        assertThat(rows("SELECT * FROM " + dst + " ORDER BY id"))
                .containsExactly(
                        List.of("1", "new", "new"),
                        Arrays.asList("2", "rep", null),
                        List.of("4", "ins", "ins"));
    }

    @Test
    void lookupJoinFindsDimensionRows() throws Exception {
        String dim = newTable("dim");
        createOrdersTable(dim, true);
        insertOrders(dim, 0, 50);
        tEnv.executeSql(
                "CREATE TABLE dim ("
                        + flinkOrdersColumns(true)
                        + ")"
                        + with(
                                dim,
                                "'lookup.cache' = 'PARTIAL'",
                                "'lookup.partial-cache.max-rows' = '100'"));
        tEnv.executeSql(
                "CREATE TEMPORARY VIEW facts AS SELECT * FROM (VALUES (1, CAST(3 AS BIGINT)), (2, CAST(42 AS BIGINT)), (3, CAST(999 AS BIGINT))) AS t(fid, did)");
        tEnv.executeSql(
                "CREATE TEMPORARY VIEW facts_t AS SELECT fid, did, PROCTIME() AS pt FROM facts");
        List<Row> joined =
                collect(
                        "SELECT f.fid, d.name FROM facts_t AS f LEFT JOIN dim FOR SYSTEM_TIME AS OF f.pt AS d ON f.did = d.id");
        assertThat(joined.stream().map(Row::toString).sorted().toList())
                .containsExactly("+I[1, name-3-äöü]", "+I[2, name-42-äöü]", "+I[3, null]");
    }

    @Test
    void changelogIsAppliedAsUpsertsAndDeletes() throws Exception {
        String dst = newTable("dst");
        execute("CREATE TABLE " + dst + " (k INT NOT NULL PRIMARY KEY, total BIGINT, cnt BIGINT)");
        tEnv.executeSql(
                "CREATE TABLE d (k INT NOT NULL, total BIGINT, cnt BIGINT, PRIMARY KEY (k) NOT ENFORCED)"
                        + with(dst, "'sink.buffer-flush.max-rows' = '3'"));
        // The aggregation emits updates of each key; the HAVING drops key 3 again (a delete).
        tEnv.executeSql(
                        "INSERT INTO d SELECT k, SUM(v), COUNT(*) FROM (VALUES (1, 10), (2, 20), (1, 5), (3, 7), (2, 1), (1, 1), (3, -100)) AS t(k, v) GROUP BY k HAVING SUM(v) > 0")
                .await();
        assertThat(rows("SELECT k, total, cnt FROM " + dst + " ORDER BY k"))
                .containsExactly(List.of("1", "16", "3"), List.of("2", "21", "2"));
    }

    @Test
    void badRowsGoToDirtyStorageAndTheJobFailsPastTheLimit() throws Exception {
        String dst = newTable("dst");
        execute(
                "CREATE TABLE "
                        + dst
                        + " (id INT NOT NULL PRIMARY KEY, name VARCHAR(10) NOT NULL)");
        Path dirty = tempDir.resolve("dirty");
        String values = "(VALUES (1, 'a'), (2, CAST(NULL AS STRING)), (3, 'c'), (4, 'd'))";
        tEnv.executeSql(
                "CREATE TABLE d (id INT NOT NULL, name STRING, PRIMARY KEY (id) NOT ENFORCED)"
                        + with(
                                dst,
                                "'dirty.sink' = 'file'",
                                "'dirty.path' = '" + dirty + "'",
                                "'errors.max-count' = '1'",
                                "'sink.parallelism' = '1'"));
        tEnv.executeSql("INSERT INTO d SELECT * FROM " + values + " AS t(id, name)").await();

        assertThat(rows("SELECT id FROM " + dst + " ORDER BY id"))
                .containsExactly(List.of("1"), List.of("3"), List.of("4"));
        List<String> lines = dirtyLines(dirty);
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).contains("constraint-violation").contains("2, null");

        String dst2 = newTable("dst");
        execute(
                "CREATE TABLE "
                        + dst2
                        + " (id INT NOT NULL PRIMARY KEY, name VARCHAR(10) NOT NULL)");
        tEnv.executeSql(
                "CREATE TABLE d2 (id INT NOT NULL, name STRING, PRIMARY KEY (id) NOT ENFORCED)"
                        + with(dst2, "'sink.parallelism' = '1'"));
        assertThatThrownBy(
                        () ->
                                tEnv.executeSql(
                                                "INSERT INTO d2 SELECT * FROM "
                                                        + values
                                                        + " AS t(id, name)")
                                        .await())
                .satisfies(
                        e ->
                                assertThat(Failures.rootMessage(e))
                                        .startsWith(
                                                identifier()
                                                        + ": 1 bad records passed the limit 'errors.max-count' = 0"));
    }

    /**
     * How many bulk-load statements (LOAD DATA) the server ran so far, where it counts them; empty
     * where it does not (PostgreSQL has no counter for COPY).
     */
    protected java.util.OptionalLong bulkStatementsRun() throws SQLException {
        return java.util.OptionalLong.empty();
    }

    /** The timestamp column as text with microseconds (getString formats differ per driver). */
    protected abstract String timestampText(String column);

    /**
     * Two sinks of one job and two jobs share one dirty directory: every writer has its own file
     * ({@code dirty-sink-<connector>-<job>-<operator>-<subtask>.jsonl}), none appends to another's.
     */
    @Test
    void dirtyFilesArePerJobOperatorAndSubtask() throws Exception {
        Path dirty = tempDir.resolve("shared-dirty");
        List<String> tables = List.of(newTable("dirty_a"), newTable("dirty_b"));
        for (String table : tables) {
            execute(
                    "CREATE TABLE "
                            + table
                            + " (id INT NOT NULL PRIMARY KEY, name VARCHAR(10) NOT NULL)");
        }
        String options =
                "'dirty.sink' = 'file', 'dirty.path' = '" + dirty + "', 'errors.max-count' = '10'";
        tEnv.executeSql(
                "CREATE TABLE da (id INT NOT NULL, name STRING, PRIMARY KEY (id) NOT ENFORCED)"
                        + with(tables.get(0), options));
        tEnv.executeSql(
                "CREATE TABLE db (id INT NOT NULL, name STRING, PRIMARY KEY (id) NOT ENFORCED)"
                        + with(tables.get(1), options));
        for (int job = 1; job <= 2; job++) {
            var statements = tEnv.createStatementSet();
            statements.addInsertSql(
                    "INSERT INTO da SELECT id, CAST(NULL AS STRING) FROM (VALUES ("
                            + job
                            + "), ("
                            + (job + 10)
                            + ")) AS t(id)");
            statements.addInsertSql(
                    "INSERT INTO db SELECT id, CAST(NULL AS STRING) FROM (VALUES ("
                            + (job + 100)
                            + ")) AS t(id)");
            statements.execute().await();
        }

        List<Path> files;
        try (Stream<Path> listed = Files.list(dirty)) {
            files = listed.sorted().toList();
        }
        // Per job: sink da (parallelism 2) wrote from each subtask that got a bad row, sink db from
        // one.
        List<String> names = files.stream().map(f -> f.getFileName().toString()).toList();
        assertThat(names)
                .allMatch(
                        n ->
                                n.matches(
                                        "dirty-sink-"
                                                + identifier()
                                                + "-[0-9a-f]{32}-[0-9a-f]{32}-\\d\\.jsonl"));
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file);
            // One file is one writer of one sink in one job: its rows belong to one table and job.
            assertThat(
                            lines.stream()
                                    .map(l -> l.contains("\"location\":\"" + tables.get(0) + "\""))
                                    .distinct())
                    .as(file + ": " + lines)
                    .hasSize(1);
        }
        // <job>-<operator>-<subtask>.jsonl
        List<String[]> ids =
                names.stream()
                        .map(
                                n ->
                                        n.substring(("dirty-sink-" + identifier() + "-").length())
                                                .split("-"))
                        .toList();
        assertThat(ids.stream().map(id -> id[0]).distinct()).as("two jobs").hasSize(2);
        assertThat(ids.stream().map(id -> id[0] + id[1]).distinct())
                .as("two sinks per job")
                .hasSize(4);
        assertThat(
                        files.stream()
                                .mapToLong(
                                        f -> {
                                            try {
                                                return Files.readAllLines(f).size();
                                            } catch (java.io.IOException e) {
                                                throw new java.io.UncheckedIOException(e);
                                            }
                                        })
                                .sum())
                .isEqualTo(6);
    }

    /** How many INSERT statements the server ran so far, where it counts them. */
    protected java.util.OptionalLong insertStatementsRun() throws SQLException {
        return java.util.OptionalLong.empty();
    }

    /** The identifier quoted as the server wants it (for the test's own DDL). */
    protected String quoted(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /**
     * A table whose name holds a dot, a comma and quotes is addressed by quoting its parts in
     * {@code table-name}; columns named like SQL ({@code VALUES (?, ?)}) stay names in the
     * multi-row upsert, which the server runs as a few statements, not one per row.
     */
    @Test
    void anyTableAndColumnNameIsAddressable() throws Exception {
        String table = "dot.ted, \"we`ird\" " + TABLE_COUNTER.incrementAndGet();
        String column = "VALUES (?, ?)";
        execute(
                "CREATE TABLE "
                        + quoted(table)
                        + " (id INT NOT NULL PRIMARY KEY, "
                        + quoted(column)
                        + " VARCHAR(20))");
        String tableName = "\"" + table.replace("\"", "\"\"") + "\"";
        tEnv.executeSql(
                "CREATE TABLE odd (`VALUES (?, ?)` STRING, id INT NOT NULL, PRIMARY KEY (id) NOT ENFORCED)"
                        + with(tableName, "'sink.buffer-flush.max-rows' = '1000'"));
        java.util.OptionalLong insertsBefore = insertStatementsRun();
        tEnv.executeSql(
                        "INSERT INTO odd SELECT CONCAT('v', CAST(id AS STRING)), CAST(id AS INT)"
                                + " FROM (SELECT * FROM (VALUES (1), (2), (3), (4), (5), (6), (7), (8)) AS t(id))")
                .await();
        if (insertsBefore.isPresent()) {
            assertThat(insertStatementsRun().getAsLong() - insertsBefore.getAsLong())
                    .as("multi-row statements, not a row-by-row replay")
                    .isLessThan(4);
        }
        tEnv.executeSql("INSERT INTO odd VALUES ('changed', 2)").await();

        assertThat(rows("SELECT id, " + quoted(column) + " FROM " + quoted(table) + " ORDER BY id"))
                .hasSize(8)
                .contains(List.of("1", "v1"), List.of("2", "changed"), List.of("8", "v8"));
        assertThat(
                        collect("SELECT id, `VALUES (?, ?)` FROM odd WHERE id > 6").stream()
                                .map(Row::toString)
                                .sorted()
                                .toList())
                .containsExactly("+I[7, v7]", "+I[8, v8]");
        tEnv.executeSql("CREATE TABLE bad (id INT)" + with("shop..orders"));
        assertThatThrownBy(() -> collect("SELECT * FROM bad"))
                .satisfies(
                        e ->
                                assertThat(rootMessage(e))
                                        .contains("'table-name'")
                                        .contains("empty part"));
    }

    @Test
    void appendsThroughTheBulkPathKeepEveryCharacterAndIsolateBadRows() throws Exception {
        String dst = newTable("bulk");
        execute(
                "CREATE TABLE "
                        + dst
                        + " (id INT NOT NULL PRIMARY KEY, name VARCHAR(10) NOT NULL, note "
                        + textType()
                        + ", amount DECIMAL(10,2), created "
                        + timestampType()
                        + ", flag BOOLEAN)");
        execute("INSERT INTO " + dst + " (id, name) VALUES (3, 'existing')");
        java.util.OptionalLong loadsBefore = bulkStatementsRun();
        Path dirty = tempDir.resolve("bulk-dirty");
        tEnv.executeSql(
                "CREATE TABLE b (id INT NOT NULL, name STRING, note STRING, amount DECIMAL(10,2),"
                        + " created TIMESTAMP(3), flag BOOLEAN)"
                        + with(
                                dst,
                                "'dirty.sink' = 'file'",
                                "'dirty.path' = '" + dirty + "'",
                                "'errors.max-count' = '2'",
                                "'sink.parallelism' = '1'"));
        tEnv.executeSql(
                        "INSERT INTO b VALUES"
                                + " (1, 'tab' || CHR(9) || 'x', 'line1' || CHR(10) || 'C:\\dir\\' || CHR(13) || 'end',"
                                + "  12.34, TIMESTAMP '2024-02-29 23:59:59.123', TRUE),"
                                + " (2, 'ünï☃', CAST(NULL AS STRING), -0.05, CAST(NULL AS TIMESTAMP(3)), FALSE),"
                                + " (3, 'duplicate', 'x', 1.00, TIMESTAMP '2024-01-01 00:00:00', TRUE),"
                                + " (4, 'far too long for ten', 'y', 2.00, TIMESTAMP '2024-01-01 00:00:00', TRUE),"
                                + " (5, '\\N', '', 0.00, TIMESTAMP '1999-12-31 00:00:00.001', CAST(NULL AS BOOLEAN))")
                .await();

        assertThat(
                        rows(
                                "SELECT id, name, note, amount, "
                                        + timestampText("created")
                                        + ","
                                        + " CASE WHEN flag IS NULL THEN 'null' WHEN flag THEN 'yes' ELSE 'no' END"
                                        + " FROM "
                                        + dst
                                        + " ORDER BY id"))
                .containsExactly(
                        java.util.Arrays.asList(
                                "1",
                                "tab\tx",
                                "line1\nC:\\dir\\\rend",
                                "12.34",
                                "2024-02-29 23:59:59.123000",
                                "yes"),
                        java.util.Arrays.asList("2", "ünï☃", null, "-0.05", null, "no"),
                        java.util.Arrays.asList("3", "existing", null, null, null, "null"),
                        java.util.Arrays.asList(
                                "5", "\\N", "", "0.00", "1999-12-31 00:00:00.001000", "null"));
        List<String> lines = dirtyLines(dirty);
        assertThat(lines).hasSize(2);
        assertThat(lines)
                .anySatisfy(
                        l ->
                                assertThat(l)
                                        .contains("constraint-violation")
                                        .contains("+I[3, duplicate"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("+I[4, far too long"));
        if (loadsBefore.isPresent()) {
            assertThat(bulkStatementsRun().getAsLong()).isGreaterThan(loadsBefore.getAsLong());
        }
    }

    @Test
    void preSqlRunsBeforeAndPostSqlAfterEveryRowIsCommitted() throws Exception {
        String src = newTable("src");
        String dst = newTable("dst");
        String audit = newTable("audit");
        createOrdersTable(src, true);
        createOrdersTable(dst, false);
        execute("CREATE TABLE " + audit + " (rows_seen BIGINT)");
        insertOrders(src, 0, 500);
        insertOrders(dst, 10_000, 10_005); // stale rows the pre-SQL removes
        env.enableCheckpointing(100);
        tEnv.executeSql("CREATE TABLE s (" + flinkOrdersColumns(true) + ")" + with(src));
        tEnv.executeSql(
                "CREATE TABLE d ("
                        + flinkOrdersColumns(false)
                        + ")"
                        + with(
                                dst,
                                "'sink.delivery-guarantee' = 'exactly-once'",
                                "'sink.pre-sql' = 'DELETE FROM " + dst + "'",
                                "'sink.post-sql' = 'INSERT INTO "
                                        + audit
                                        + " SELECT COUNT(*) FROM "
                                        + dst
                                        + "'"));
        tEnv.executeSql("INSERT INTO d SELECT * FROM s").await();

        assertThat(rows("SELECT * FROM " + dst + " ORDER BY id"))
                .isEqualTo(rows("SELECT * FROM " + src + " ORDER BY id"));
        assertThat(rows("SELECT rows_seen FROM " + audit)).containsExactly(List.of("500"));
    }

    /** A statement that takes about a second, for a pre-SQL that finishes late. */
    protected abstract String slowStatement();

    /**
     * A slow pre-SQL that deletes the target's rows finishes before any subtask writes: no row the
     * job writes is deleted by it (at-least-once, two sink subtasks).
     */
    @Test
    void preSqlFinishesBeforeAnySubtaskWrites() throws Exception {
        String src = newTable("src");
        String dst = newTable("dst");
        createOrdersTable(src, true);
        createOrdersTable(dst, false);
        insertOrders(src, 0, 2000);
        insertOrders(dst, 10_000, 10_005); // stale rows the pre-SQL removes
        tEnv.executeSql("CREATE TABLE s (" + flinkOrdersColumns(true) + ")" + with(src));
        tEnv.executeSql(
                "CREATE TABLE d ("
                        + flinkOrdersColumns(false)
                        + ")"
                        + with(
                                dst,
                                "'sink.parallelism' = '2'",
                                "'sink.buffer-flush.max-rows' = '50'",
                                "'sink.pre-sql' = '"
                                        + slowStatement()
                                        + ";DELETE FROM "
                                        + dst
                                        + "'"));
        tEnv.executeSql("INSERT INTO d SELECT * FROM s").await();

        assertThat(rows("SELECT * FROM " + dst + " ORDER BY id"))
                .hasSize(2000)
                .isEqualTo(rows("SELECT * FROM " + src + " ORDER BY id"));
    }

    /**
     * The error limit counts the bad rows of all source subtasks: 3 bad rows in 2 range splits (2
     * and 1), read by 2 subtasks, pass a limit of 2, although a subtask that reads one split has at
     * most 2; a limit of 3 lets the same read finish.
     */
    @Test
    void theErrorLimitCountsTheBadRowsOfTheWholeJob() throws Exception {
        String src = newTable("src");
        execute("CREATE TABLE " + src + " (id INT NOT NULL PRIMARY KEY, v DECIMAL(12,2))");
        // Split 1 (ids 1..50) holds 2 bad rows, split 2 (ids 51..100) one.
        StringBuilder values = new StringBuilder();
        for (int id = 1; id <= 100; id++) {
            boolean bad = id == 10 || id == 20 || id == 60;
            values.append(id == 1 ? "" : ", ")
                    .append("(")
                    .append(id)
                    .append(", ")
                    .append(bad ? "12345678.00" : "1.50")
                    .append(")");
        }
        execute("INSERT INTO " + src + " VALUES " + values);
        for (int limit = 2; limit <= 3; limit++) {
            Path dirty = tempDir.resolve("job-limit-" + limit);
            tEnv.executeSql(
                    "CREATE TABLE s"
                            + limit
                            + " (id INT NOT NULL, v DECIMAL(5, 2), PRIMARY KEY (id) NOT ENFORCED)"
                            + with(
                                    src,
                                    "'errors.max-count' = '" + limit + "'",
                                    "'dirty.sink' = 'file'",
                                    "'dirty.path' = '" + dirty + "'",
                                    "'scan.partition.column' = 'id'",
                                    "'scan.partition.num' = '2'",
                                    "'scan.partition.lower-bound' = '1'",
                                    "'scan.partition.upper-bound' = '100'",
                                    "'scan.parallelism' = '2'"));
            String query = "SELECT id, v FROM s" + limit;
            if (limit == 2) {
                assertThatThrownBy(() -> collect(query))
                        .satisfies(
                                e ->
                                        assertThat(Failures.rootMessage(e))
                                                .startsWith(
                                                        identifier()
                                                                + ": 3 bad records passed the limit 'errors.max-count' = 2"));
            } else {
                assertThat(collect(query)).hasSize(97);
            }
            assertThat(dirtyLines(dirty)).hasSize(3);
        }
    }

    /**
     * The error limit counts the bad rows of all sink subtasks: 3 rows the target rejects (NULL in
     * a NOT NULL column), 2 sent to one sink subtask and 1 to the other, pass a limit of 2 although
     * no subtask has more than 2; a limit of 3 lets the same job finish.
     */
    @Test
    void theSinkErrorLimitCountsTheBadRowsOfTheWholeJob() throws Exception {
        for (int limit = 2; limit <= 3; limit++) {
            String dst = newTable("dst");
            Path dirty = tempDir.resolve("sink-job-limit-" + limit);
            StreamExecutionEnvironment job = sinkWithBadRowsOnTwoSubtasks(dst, dirty, limit);
            if (limit == 2) {
                assertThatThrownBy(() -> job.execute("sink error limit 2"))
                        .satisfies(
                                e ->
                                        assertThat(Failures.rootMessage(e))
                                                .isEqualTo(
                                                        identifier()
                                                                + ": 3 bad records passed the limit"
                                                                + " 'errors.max-count' = 2, counted"
                                                                + " over all 2 sink subtasks. The"
                                                                + " bad records are in dirty"
                                                                + " storage."))
                        .satisfies(Failures::assertNotRestarted);
            } else {
                job.execute("sink error limit 3");
                assertThat(count(dst)).isEqualTo(17);
            }
            assertThat(dirtyLines(dirty)).hasSize(3);
        }
    }

    /**
     * Without operator chaining a writer finds no error counter in its task: each sink subtask
     * checks the limit on its own bad rows, so 2 + 1 bad rows pass a limit of 2, and the job
     * finishes (the writers do not wait for a coordinator that gets no counts).
     */
    @Test
    void withoutChainingEachSinkSubtaskChecksTheErrorLimitAlone() throws Exception {
        String dst = newTable("dst");
        Path dirty = tempDir.resolve("sink-limit-unchained");
        StreamExecutionEnvironment job = sinkWithBadRowsOnTwoSubtasks(dst, dirty, 2);
        job.disableOperatorChaining();
        job.execute("sink error limit, not chained");
        assertThat(count(dst)).isEqualTo(17);
        assertThat(dirtyLines(dirty)).hasSize(3);
    }

    /**
     * A job that writes 20 rows into a new table {@code dst} at parallelism 2: 3 of them with a
     * NULL the table rejects, 2 to sink subtask 0 and 1 to subtask 1.
     */
    private StreamExecutionEnvironment sinkWithBadRowsOnTwoSubtasks(
            String dst, Path dirty, long limit) throws SQLException {
        execute(
                "CREATE TABLE "
                        + dst
                        + " (id INT NOT NULL PRIMARY KEY, name VARCHAR(10) NOT NULL)");
        RowType type =
                RowType.of(
                        new LogicalType[] {new IntType(false), new VarCharType(10)},
                        new String[] {"id", "name"});
        List<RowData> rows = new ArrayList<>();
        for (int id = 1; id <= 20; id++) {
            // Even ids go to sink subtask 0 (bad: 2 and 4), odd ids to subtask 1 (bad: 5).
            boolean bad = id == 2 || id == 4 || id == 5;
            rows.add(GenericRowData.of(id, bad ? null : StringData.fromString("ok")));
        }
        JdbcSink sink =
                JdbcSink.builder()
                        .url(server().jdbcUrl(DATABASE))
                        .username(server().user())
                        .password(server().password())
                        .table(dst)
                        .rowType(type)
                        .connectorName(identifier())
                        .errorLimit(new ErrorLimit(limit, -1))
                        .dirtyData(new DirtyDataConfig(DirtySinkKind.FILE, dirty.toString()))
                        .build();
        StreamExecutionEnvironment job = TestClusters.environment(2);
        DataStream<RowData> input = job.fromData(rows, InternalTypeInfo.of(type)).setParallelism(1);
        ToSubtask.route(input, row -> row.getInt(0) % 2).sinkTo(sink);
        return job;
    }

    @Test
    void aRowTheSourceCannotConvertGoesToDirtyStorage() throws Exception {
        String src = newTable("src");
        execute("CREATE TABLE " + src + " (id INT NOT NULL PRIMARY KEY, v DECIMAL(12,2))");
        execute("INSERT INTO " + src + " VALUES (1, 1.50), (2, 12345678.00), (3, 2.50)");
        Path dirty = tempDir.resolve("source-dirty");
        tEnv.executeSql(
                "CREATE TABLE s (id INT NOT NULL, v DECIMAL(5, 2), PRIMARY KEY (id) NOT ENFORCED)"
                        + with(
                                src,
                                "'errors.max-count' = '1'",
                                "'dirty.sink' = 'file'",
                                "'dirty.path' = '" + dirty + "'"));
        assertThat(collect("SELECT id, v FROM s").stream().map(Row::toString).sorted().toList())
                .containsExactly("+I[1, 1.50]", "+I[3, 2.50]");
        assertThat(dirtyLines(dirty))
                .singleElement()
                .asString()
                .contains("conversion-error")
                .contains("12345678.00")
                .contains("DECIMAL(5, 2)");
    }

    @Test
    void unknownOptionIsRejectedWithItsName() {
        tEnv.executeSql(
                "CREATE TABLE s ("
                        + flinkOrdersColumns(true)
                        + ")"
                        + with("t", "'scan.fetchsize' = '10'"));
        assertThatThrownBy(() -> tEnv.executeSql("SELECT * FROM s").collect().close())
                .satisfies(
                        e ->
                                assertThat(rootMessage(e))
                                        .contains("scan.fetchsize")
                                        .contains("Unsupported options"));
    }

    @Test
    void wrongOptionTypeNamesTheKeyAndAllowedValues() {
        tEnv.executeSql(
                "CREATE TABLE s ("
                        + flinkOrdersColumns(true)
                        + ")"
                        + with("t", "'scan.partition.strategy' = 'hash'"));
        assertThatThrownBy(() -> tEnv.executeSql("SELECT * FROM s").collect().close())
                .satisfies(
                        e ->
                                assertThat(rootMessage(e))
                                        .contains("scan.partition.strategy")
                                        .contains("range")
                                        .contains("mod"));
        tEnv.executeSql(
                "CREATE TABLE s2 ("
                        + flinkOrdersColumns(true)
                        + ")"
                        + with("t", "'scan.fetch-size' = 'many'"));
        assertThatThrownBy(() -> tEnv.executeSql("SELECT * FROM s2").collect().close())
                .satisfies(e -> assertThat(rootMessage(e)).contains("scan.fetch-size"));
        // The key and the allowed values in the root of the chain, which is what the SQL client
        // shows.
        tEnv.executeSql(
                "CREATE TABLE d3 ("
                        + flinkOrdersColumns(true)
                        + ")"
                        + with("t", "'sink.delivery-guarantee' = 'exactly_once'"));
        assertThatThrownBy(() -> tEnv.executeSql("INSERT INTO d3 SELECT * FROM d3").await())
                .satisfies(
                        e ->
                                assertThat(Failures.rootMessage(e))
                                        .contains("'sink.delivery-guarantee'")
                                        .contains("exactly-once")
                                        .contains("at-least-once"));
    }

    @Test
    void unsupportedColumnTypeFailsAtPlanningWithTheColumnName() {
        tEnv.executeSql("CREATE TABLE s (id BIGINT, tags MAP<STRING, STRING>)" + with("t"));
        assertThatThrownBy(() -> tEnv.executeSql("SELECT * FROM s").collect().close())
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(rootMessage(e)).contains("'tags'").contains("MAP"));
    }

    @Test
    void wrongPasswordFailsWithoutRevealingIt() throws Exception {
        String src = newTable("src");
        createOrdersTable(src, true);
        String secret = "Wr0ng-S3cret-" + System.nanoTime();
        tEnv.executeSql(
                "CREATE TABLE s ("
                        + flinkOrdersColumns(true)
                        + ") WITH ('connector' = '"
                        + identifier()
                        + "', 'url' = '"
                        + server().jdbcUrl(DATABASE)
                        + "', 'table-name' = '"
                        + src
                        + "', 'username' = '"
                        + server().user()
                        + "', 'password' = '"
                        + secret
                        + "')");
        assertThatThrownBy(() -> collect("SELECT * FROM s"))
                .satisfies(
                        e -> {
                            String all = rootMessage(e);
                            assertThat(all).contains("Cannot connect to").contains(server().user());
                            assertThat(all).doesNotContain(secret);
                        });
    }

    @Test
    void unreachableHostFailsWithTheHost() {
        int port = DatabaseServer.freePort();
        String url =
                server().jdbcUrl(DATABASE).replace(":" + server().port() + "/", ":" + port + "/");
        tEnv.executeSql(
                "CREATE TABLE s ("
                        + flinkOrdersColumns(true)
                        + ") WITH ('connector' = '"
                        + identifier()
                        + "', 'url' = '"
                        + url
                        + "', 'table-name' = 't', 'username' = 'u', 'password' = 'p')");
        assertThatThrownBy(() -> collect("SELECT * FROM s"))
                .satisfies(
                        e ->
                                assertThat(Failures.rootMessage(e))
                                        .contains("Cannot connect to")
                                        .contains("127.0.0.1:" + port));
    }
}
