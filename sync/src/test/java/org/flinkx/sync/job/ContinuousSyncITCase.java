package org.flinkx.sync.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.rest.messages.job.JobDetailsInfo;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.InjectClusterClient;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.ExceptionUtils;
import org.flinkx.connector.jdbc.testutils.MariaDbServer;
import org.flinkx.connector.jdbc.testutils.PostgresServer;
import org.flinkx.connector.jdbc.testutils.TestClusters;
import org.flinkx.connector.starrocks.testserver.StarRocksTestServer;
import org.flinkx.sync.definition.SyncDefinitions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The continuous whole-database sync: a MariaDB server with two databases of sharded tables ({@code
 * cs_edu_N.course_N}) and a plain table of other columns ({@code cs_shop.orders}) into PostgreSQL,
 * and into the StarRocks test server (exactly-once, Stream Load transactions), from a definition
 * with a {@code flinkx-binlog} source. The job's targets are created from the generated DDL, the
 * job snapshots every table and streams their changes through one binlog reader, while a writer
 * inserts, updates and deletes in every table; its TaskManager is killed mid-run and the job
 * recovers from its checkpoint; then it is stopped with a savepoint, the tables change, and it
 * resumes from the savepoint. After each step every target equals its sources row by row (the
 * merged shards with their origin columns).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ContinuousSyncITCase {

    @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.withSlots(4);

    private static final List<String> SHARDS =
            List.of(
                    "cs_edu_1.course_1",
                    "cs_edu_1.course_2",
                    "cs_edu_2.course_1",
                    "cs_edu_2.course_2");

    @TempDir Path savepoints;

    private final MariaDbServer maria = MariaDbServer.get();
    private final PostgresServer postgres = PostgresServer.get();
    private Target target;

    @ParameterizedTest(name = "into {0}")
    @ValueSource(strings = {"flinkx-postgresql", "flinkx-starrocks"})
    void shardsAndTablesStayEqualThroughAFailureAndASavepoint(
            String sink,
            @InjectMiniCluster MiniCluster miniCluster,
            @InjectClusterClient RestClusterClient<?> client)
            throws Exception {
        createSources();
        change(1, 150); // the snapshot's rows
        target = sink.equals("flinkx-starrocks") ? new StarRocksTarget() : new PostgresTarget();
        String definition = definition(target.sink());

        String script = target.script(definition);
        assertThat(script).contains("'scan.rows' = 'per-table'").contains("EXECUTE STATEMENT SET");
        String explained =
                SyncJobs.script(
                        definition,
                        true,
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(explained)
                .contains("CREATE TEMPORARY TABLE `flinkx_sync_changes`")
                .doesNotContain(maria.password())
                .doesNotContain(postgres.password());

        JobClient first = start(script, TestClusters.restartingEnvironment(2, 200));
        List<String> vertices = vertices(client, first);
        assertThat(vertices)
                .as("one binlog reader for every captured table: %s", vertices)
                .filteredOn(name -> name.contains("Source:"))
                .singleElement()
                .asString()
                .contains("flinkx_sync_changes");
        change(2, 300);
        assertTargetsEqualSources();

        // a TaskManager lost mid-run, while the writer goes on: the job restarts from its
        // checkpoint
        Thread writer = new Thread(() -> changeQuietly(3, 300));
        writer.start();
        miniCluster.terminateTaskManager(0).get();
        miniCluster.startTaskManager();
        writer.join();
        change(4, 100);
        assertTargetsEqualSources();

        String savepoint =
                first.stopWithSavepoint(
                                false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                        .get();
        change(5, 150); // while no job runs

        String again = target.script(definition);
        JobClient second = start(again, TestClusters.restoredEnvironment(2, 200, savepoint));
        try {
            change(6, 150);
            assertTargetsEqualSources();
        } finally {
            TestClusters.cancel(second);
        }
        target.assertNothingLeftOpen();
    }

    /**
     * An added column is left out while the job runs (the rows keep arriving in the planned
     * columns); the sync started again (no state) adds it to the target and its snapshot fills it.
     * A dropped column that the target is still written with fails the job, naming the table and
     * the column.
     */
    @Test
    void anAddedColumnWaitsForTheNextStartAndADroppedOneFailsTheJob() throws Exception {
        createSources();
        change(1, 100);
        target = new PostgresTarget();
        String definition = definition(target.sink());
        JobClient first =
                start(target.script(definition), TestClusters.restartingEnvironment(2, 200));
        try {
            assertTargetsEqualSources();
            run("cs_shop", "ALTER TABLE orders ADD COLUMN extra INT DEFAULT 7");
            run("cs_shop", "UPDATE orders SET extra = order_id * 10 WHERE order_id % 2 = 0");
            change(2, 100);
            assertTargetsEqualSources();
        } finally {
            TestClusters.cancel(first);
        }

        JobClient second =
                start(target.script(definition), TestClusters.restartingEnvironment(2, 200));
        boolean failed = false;
        try {
            // the new snapshot fills the added column (no change meanwhile: a row deleted before
            // the new job's snapshot would stay in the target, as documented)
            assertOrdersWithTheAddedColumn();
            change(3, 50);
            assertOrdersWithTheAddedColumn();

            run(
                    "cs_shop",
                    "ALTER TABLE orders DROP COLUMN note",
                    "UPDATE orders SET total = total + 1");
            assertThatThrownBy(() -> second.getJobExecutionResult().get(90, TimeUnit.SECONDS))
                    .satisfies(
                            e ->
                                    assertThat(ExceptionUtils.stringifyException(e))
                                            .contains("Column 'note'")
                                            .contains("cs_shop.orders has no such column"));
            failed = true;
        } finally {
            if (!failed) {
                TestClusters.cancel(second);
            }
        }
    }

    private void assertOrdersWithTheAddedColumn() throws Exception {
        assertEventually(
                "cs_lake.shop_orders with the added column",
                () ->
                        maria.query(
                                "cs_shop",
                                "SELECT order_id, total, note, extra FROM orders ORDER BY 1"),
                target::ordersWithExtra);
    }

    /**
     * With 'rescan' the supervisor follows the source while the sync runs: a table created at the
     * source that the rules match gets its target and its rows, a column added to a captured table
     * reaches its target and is filled for every row, each through a stop with savepoint and a
     * restored job whose binlog stream reads those tables first, while a writer goes on; the other
     * tables are not read again (a target row changed by hand keeps the change). A dropped column
     * then stops the sync, naming it.
     */
    @ParameterizedTest(name = "into {0}")
    @ValueSource(strings = {"flinkx-postgresql", "flinkx-starrocks"})
    void newTablesAndAddedColumnsArePickedUpWhileTheSyncRuns(String sink) throws Exception {
        createSources();
        run("cs_edu_1", "INSERT INTO course_1 (id, title) VALUES (1000, 'never changed')");
        change(1, 100);
        target = sink.equals("flinkx-starrocks") ? new StarRocksTarget() : new PostgresTarget();
        // the stream kept behind the writer (150 changes a second): the savepoint's offset comes
        // before the schema change and the writer's last changes, so the restored job streams
        // rows from before the added column, and deletes of rows the target has that the
        // catch-up's chunks no longer find
        String definition =
                definition(target.sink())
                                .replace("|cs_shop\\.orders'", "|cs_shop\\.(orders|tags)'")
                                .replace(
                                        "chunk-size: '16'",
                                        "chunk-size: '16', scan.rate-limit.records-per-second: '150'")
                        + "rescan: {interval: 1 s, savepoint-dir: '"
                        + savepoints.toUri()
                        + "'}\n";
        List<JobClient> jobs = new java.util.concurrent.CopyOnWriteArrayList<>();
        SyncSupervisor supervisor =
                new SyncSupervisor(
                        SyncDefinitions.parse(definition),
                        (script, savepoint) -> {
                            JobClient job =
                                    start(
                                            script,
                                            savepoint == null
                                                    ? TestClusters.restartingEnvironment(2, 200)
                                                    : restored(savepoint));
                            jobs.add(job);
                            return job;
                        },
                        System.out); // what the supervisor saw, in the test's report
        maria.awaitBinlogClients(false); // so that the wait below sees this job's client
        CompletableFuture<?> sync =
                CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return supervisor.run();
                            } catch (Exception e) {
                                throw new CompletionException(e);
                            }
                        });
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (jobs.isEmpty() && !sync.isDone() && System.nanoTime() < deadline) {
                Thread.sleep(50); // the targets are created, then the job starts
            }
            assertThat(jobs).as("the first job").hasSize(1);
            change(2, 100);
            assertTargetsEqualSources();
            // Debezium reads the tables' definitions when the stream starts: a schema change
            // before that fails the stream (documented), so the changes below wait for it
            maria.awaitBinlogClients(true);
            run("cs_edu_2", "INSERT INTO course_2 (id, title) VALUES (2000, 'streamed first')");
            assertTargetsEqualSources();
            // only a new snapshot of the courses would put the source's title back
            boolean byHand = target.changeCourseByHand(1000, "by hand");
            Thread writer = new Thread(() -> changeQuietly(3, 300));
            writer.start();
            run(
                    "cs_shop",
                    "CREATE TABLE tags (tag_id INT PRIMARY KEY, tag VARCHAR(40) NOT NULL)",
                    "INSERT INTO tags VALUES (1, 'one'), (2, 'two'), (3, 'three')",
                    "ALTER TABLE orders ADD COLUMN extra INT",
                    "UPDATE orders SET extra = order_id * 10");
            writer.join();
            run(
                    "cs_shop",
                    "INSERT INTO tags VALUES (4, 'four')",
                    "DELETE FROM tags WHERE tag_id = 2");
            assertEventually(
                    "cs_lake.shop_tags",
                    () -> maria.query("cs_shop", "SELECT tag_id, tag FROM tags ORDER BY 1"),
                    target::tags);
            assertOrdersWithTheAddedColumn();
            if (byHand) {
                assertThat(target.courses())
                        .as("the courses were not read again")
                        .contains(Arrays.asList("cs_edu_1", "course_1", "1000", "by hand", null));
            }
            run("cs_edu_1", "UPDATE course_1 SET title = 'streamed' WHERE id = 1000");
            change(4, 100);
            assertTargetsEqualSources();
            assertOrdersWithTheAddedColumn();

            run(
                    "cs_shop",
                    "ALTER TABLE orders DROP COLUMN note",
                    "UPDATE orders SET total = total + 1");
            assertThatThrownBy(() -> sync.get(90, TimeUnit.SECONDS))
                    .satisfies(
                            e ->
                                    assertThat(ExceptionUtils.stringifyException(e))
                                            .contains("Column 'note'"));
            assertThat(jobs)
                    .as("a job per plan: the start, then the new table and column (one or two)")
                    .hasSizeBetween(2, 3);
        } finally {
            sync.cancel(true);
            for (JobClient job : jobs) {
                if (!job.getJobStatus().get().isGloballyTerminalState()) {
                    job.cancel().get();
                }
            }
            run("cs_shop", "DROP TABLE IF EXISTS tags");
        }
    }

    private static StreamExecutionEnvironment restored(String savepoint) {
        StreamExecutionEnvironment env = TestClusters.restoredEnvironment(2, 200, savepoint);
        env.configure(
                org.apache.flink.configuration.Configuration.fromMap(
                        Map.of(
                                org.apache.flink.configuration.StateRecoveryOptions
                                        .SAVEPOINT_IGNORE_UNCLAIMED_STATE
                                        .key(),
                                "true")));
        return env;
    }

    @Test
    void aTargetWithoutAKeyIsRefusedBeforeAnythingIsCreated() throws Exception {
        createSources();
        run("cs_shop", "CREATE TABLE no_key (at DATETIME, what TEXT)");
        try {
            target = new PostgresTarget();
            String definition =
                    definition(target.sink())
                            .replace("|cs_shop\\.orders'", "|cs_shop\\.(orders|no_key)'");
            assertThatThrownBy(() -> target.script(definition))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("Target 'cs_lake.shop_no_key' (from [cs_shop.no_key])")
                    .hasMessageContaining("'primary-key'");
            assertThat(
                            postgres.query(
                                    "cs_edu",
                                    "SELECT count(*) FROM information_schema.tables "
                                            + "WHERE table_name = 'course'"))
                    .as("no target created")
                    .containsExactly(List.of("0"));
        } finally {
            run("cs_shop", "DROP TABLE no_key");
        }
    }

    @AfterEach
    void closeTarget() throws Exception {
        if (target != null) {
            target.close();
        }
    }

    /** A target server: its sink in the definition, the job's script, the rows it holds. */
    private interface Target extends AutoCloseable {
        String sink();

        /** The job's SQL, after the target tables were created. */
        String script(String definition) throws Exception;

        /** source_db, source_table, id, title, credits, ordered by the first three. */
        List<List<String>> courses() throws Exception;

        /** order_id, total, note, ordered by order_id. */
        List<List<String>> orders() throws Exception;

        /** order_id, total, note, extra (the added column), ordered by order_id. */
        List<List<String>> ordersWithExtra() throws Exception;

        /** cs_lake.shop_tags: tag_id, tag, ordered; empty while the table is not there. */
        List<List<String>> tags() throws Exception;

        /**
         * Changes a course's title in the target by hand, where the target lets a test do that
         * (false: the StarRocks test server takes rows through Stream Load only).
         */
        default boolean changeCourseByHand(int id, String title) throws Exception {
            return false;
        }

        default void assertNothingLeftOpen() throws Exception {}

        @Override
        default void close() throws Exception {}
    }

    /**
     * PostgreSQL, the tables created by the sync itself ('ddl.mode' create), written exactly-once
     * (XA).
     */
    private final class PostgresTarget implements Target {

        @Override
        public String sink() {
            return "  type: flinkx-postgresql\n  options:\n    url: '"
                    + postgres.jdbcUrl("postgres")
                    + "'\n    username: "
                    + postgres.user()
                    + "\n    password: "
                    + postgres.password()
                    + "\n    sink.buffer-flush.interval: 100ms\n"
                    + "    sink.delivery-guarantee: exactly-once\n";
        }

        @Override
        public String script(String definition) throws Exception {
            return SyncJobs.script(
                    definition,
                    false,
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        }

        @Override
        public List<List<String>> courses() throws Exception {
            return postgres.query(
                    "cs_edu",
                    "SELECT source_db, source_table, id, title, credits FROM course ORDER BY 1, 2, 3");
        }

        @Override
        public List<List<String>> orders() throws Exception {
            return postgres.query(
                    "cs_lake", "SELECT order_id, total, note FROM shop_orders ORDER BY 1");
        }

        @Override
        public List<List<String>> ordersWithExtra() throws Exception {
            return postgres.query(
                    "cs_lake", "SELECT order_id, total, note, extra FROM shop_orders ORDER BY 1");
        }

        @Override
        public List<List<String>> tags() throws Exception {
            try {
                return postgres.query("cs_lake", "SELECT tag_id, tag FROM shop_tags ORDER BY 1");
            } catch (java.sql.SQLException notCreatedYet) {
                return List.of();
            }
        }

        @Override
        public boolean changeCourseByHand(int id, String title) throws Exception {
            try (Connection c = postgres.connect("cs_edu");
                    PreparedStatement s =
                            c.prepareStatement(
                                    "UPDATE course SET title = ? WHERE source_db = 'cs_edu_1' "
                                            + "AND source_table = 'course_1' AND id = ?")) {
                s.setString(1, title);
                s.setInt(2, id);
                return s.executeUpdate() == 1;
            }
        }
    }

    /**
     * The StarRocks test server (no StarRocks can run here), the tables created by the sync over
     * its query port ('ddl.mode' create, the sink's 'jdbc-url'), loaded exactly-once through Stream
     * Load transactions.
     */
    private final class StarRocksTarget implements Target {

        private final StarRocksTestServer starRocks;

        StarRocksTarget() throws java.io.IOException {
            starRocks = StarRocksTestServer.start("root", "pw", 1);
        }

        @Override
        public String sink() {
            return "  type: flinkx-starrocks\n  options: {load-url: '"
                    + starRocks.feAddress()
                    + "', jdbc-url: '"
                    + starRocks.jdbcUrl()
                    + "', username: root, password: pw, "
                    + "sink.delivery-guarantee: exactly-once}\n"
                    + "  starrocks: {buckets: 2, properties: {replication_num: '1'}}\n";
        }

        @Override
        public String script(String definition) throws Exception {
            String script =
                    SyncJobs.script(
                            definition,
                            false,
                            new PrintStream(
                                    new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            // created over the FE's query port, as on a real StarRocks
            assertThat(starRocks.queryPortStatements())
                    .contains("CREATE DATABASE IF NOT EXISTS `cs_edu`")
                    .anySatisfy(
                            sql ->
                                    assertThat(sql)
                                            .startsWith(
                                                    "CREATE TABLE IF NOT EXISTS `cs_edu`.`course`"));
            return script;
        }

        @Override
        public List<List<String>> courses() {
            List<Map<String, String>> rows = new ArrayList<>(starRocks.rows("cs_edu", "course"));
            rows.sort(
                    Comparator.<Map<String, String>, String>comparing(r -> r.get("source_db"))
                            .thenComparing(r -> r.get("source_table"))
                            .thenComparingLong(r -> Long.parseLong(r.get("id"))));
            return rows.stream()
                    .map(
                            r ->
                                    Arrays.asList(
                                            r.get("source_db"),
                                            r.get("source_table"),
                                            r.get("id"),
                                            r.get("title"),
                                            r.get("credits")))
                    .toList();
        }

        @Override
        public List<List<String>> orders() {
            List<Map<String, String>> rows =
                    new ArrayList<>(starRocks.rows("cs_lake", "shop_orders"));
            rows.sort(Comparator.comparingLong(r -> Long.parseLong(r.get("order_id"))));
            return rows.stream()
                    .map(r -> Arrays.asList(r.get("order_id"), r.get("total"), r.get("note")))
                    .toList();
        }

        @Override
        public List<List<String>> ordersWithExtra() {
            List<Map<String, String>> rows =
                    new ArrayList<>(starRocks.rows("cs_lake", "shop_orders"));
            rows.sort(Comparator.comparingLong(r -> Long.parseLong(r.get("order_id"))));
            return rows.stream()
                    .map(
                            r ->
                                    Arrays.asList(
                                            r.get("order_id"),
                                            r.get("total"),
                                            r.get("note"),
                                            r.get("extra")))
                    .toList();
        }

        @Override
        public List<List<String>> tags() {
            if (starRocks.columnNames("cs_lake", "shop_tags").isEmpty()) {
                return List.of();
            }
            List<Map<String, String>> rows =
                    new ArrayList<>(starRocks.rows("cs_lake", "shop_tags"));
            rows.sort(Comparator.comparingLong(r -> Long.parseLong(r.get("tag_id"))));
            return rows.stream().map(r -> Arrays.asList(r.get("tag_id"), r.get("tag"))).toList();
        }

        @Override
        public void assertNothingLeftOpen() throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!starRocks.openTransactions().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(starRocks.openTransactions()).as("transactions left open").isEmpty();
        }

        @Override
        public void close() {
            starRocks.close();
        }
    }

    /** The job's vertices, once the job is initialized (it has none before). */
    private static List<String> vertices(RestClusterClient<?> client, JobClient job)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<String> names = List.of();
        while (names.isEmpty() && System.nanoTime() < deadline) {
            names =
                    client.getJobDetails(job.getJobID()).get().getJobVertexInfos().stream()
                            .map(JobDetailsInfo.JobVertexDetailsInfo::getName)
                            .toList();
            if (names.isEmpty()) {
                Thread.sleep(100);
            }
        }
        return names;
    }

    private JobClient start(String script, StreamExecutionEnvironment env) {
        StreamTableEnvironment tEnv = StreamTableEnvironment.create(env);
        int set = script.indexOf("EXECUTE STATEMENT SET");
        for (String statement : script.substring(0, set).split(";\n")) {
            // SET as bin/flinkx and the SQL client apply it (executeSql takes no SET)
            java.util.regex.Matcher option =
                    java.util.regex.Pattern.compile("SET '([^']+)' = '([^']*)'").matcher(statement);
            if (option.matches()) {
                tEnv.getConfig().set(option.group(1), option.group(2));
            } else {
                tEnv.executeSql(statement);
            }
        }
        TableResult result = tEnv.executeSql(script.substring(set, script.lastIndexOf(';')));
        return result.getJobClient().orElseThrow();
    }

    private String definition(String sink) {
        return "source:\n  type: flinkx-binlog\n  url: '"
                + maria.jdbcUrl("cs_shop")
                + "'\n  username: "
                + maria.user()
                + "\n  password: "
                + maria.password()
                + "\n  tables: 'cs_edu_[0-9]+\\.course_[0-9]+|cs_shop\\.orders'\n"
                + "  options: {scan.snapshot.chunk-size: '16'}\n"
                + "sink:\n"
                + sink
                + "routes:\n"
                + "  - tables: 'cs_edu_[0-9]+\\.course_[0-9]+'\n"
                + "    target: cs_edu.course\n"
                + "    origin-columns: {source_db: database, source_table: table}\n"
                + "  - tables: 'cs_shop\\.(.*)'\n"
                + "    target: cs_lake.shop_$1\n"
                + "ddl: {mode: create}\n";
    }

    private void createSources() throws Exception {
        for (String db : List.of("cs_edu_1", "cs_edu_2")) {
            maria.createDatabase(db);
            for (String table : List.of("course_1", "course_2")) {
                run(
                        db,
                        "DROP TABLE IF EXISTS " + table,
                        "CREATE TABLE "
                                + table
                                + " (id INT NOT NULL PRIMARY KEY, title VARCHAR(200) NOT NULL, "
                                + "credits DECIMAL(4, 1)) DEFAULT CHARSET = utf8mb4");
            }
        }
        maria.createDatabase("cs_shop");
        run(
                "cs_shop",
                "DROP TABLE IF EXISTS orders",
                "DROP TABLE IF EXISTS tags",
                "DROP TABLE IF EXISTS not_captured",
                "CREATE TABLE orders (total DECIMAL(12, 2) NOT NULL, order_id BIGINT UNSIGNED "
                        + "NOT NULL PRIMARY KEY, note TEXT) DEFAULT CHARSET = utf8mb4",
                "CREATE TABLE not_captured (id INT PRIMARY KEY)");
        for (String db : List.of("cs_edu", "cs_lake")) {
            postgres.createDatabase(db);
        }
        try (Connection c = postgres.connect("cs_edu");
                Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS course");
        }
        try (Connection c = postgres.connect("cs_lake");
                Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS shop_orders");
            s.execute("DROP TABLE IF EXISTS shop_tags");
        }
    }

    private void changeQuietly(long seed, int count) {
        try {
            change(seed, count);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Random inserts, updates and deletes over the shards and the orders table. */
    private void change(long seed, int count) throws Exception {
        Random random = new Random(seed);
        try (Connection c = maria.connect("cs_shop")) {
            for (int i = 0; i < count; i++) {
                int which = random.nextInt(SHARDS.size() + 1);
                long id = 1 + random.nextInt(60);
                boolean delete = random.nextInt(5) == 0;
                if (which == SHARDS.size()) {
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    delete
                                            ? "DELETE FROM orders WHERE order_id = ?"
                                            : "INSERT INTO orders (order_id, total, note) VALUES "
                                                    + "(?, ?, ?) ON DUPLICATE KEY UPDATE "
                                                    + "total = VALUES(total), note = VALUES(note)")) {
                        ps.setLong(1, id);
                        if (!delete) {
                            ps.setBigDecimal(2, BigDecimal.valueOf(random.nextInt(1000000), 2));
                            ps.setString(3, random.nextInt(8) == 0 ? null : "o-" + seed + "-" + i);
                        }
                        ps.executeUpdate();
                    }
                } else {
                    String shard = SHARDS.get(which);
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    delete
                                            ? "DELETE FROM " + shard + " WHERE id = ?"
                                            : "INSERT INTO "
                                                    + shard
                                                    + " (id, title, credits) VALUES (?, ?, ?) ON "
                                                    + "DUPLICATE KEY UPDATE title = VALUES(title), "
                                                    + "credits = VALUES(credits)")) {
                        ps.setLong(1, id);
                        if (!delete) {
                            ps.setString(2, shard + "/" + seed + "-" + i);
                            ps.setBigDecimal(
                                    3,
                                    random.nextInt(6) == 0
                                            ? null
                                            : BigDecimal.valueOf(random.nextInt(1000), 1));
                        }
                        ps.executeUpdate();
                    }
                }
            }
        }
    }

    private void assertTargetsEqualSources() throws Exception {
        List<String> shards = new ArrayList<>();
        for (String shard : SHARDS) {
            String[] parts = shard.split("\\.");
            shards.add(
                    "SELECT '"
                            + parts[0]
                            + "', '"
                            + parts[1]
                            + "', id, title, credits FROM "
                            + shard);
        }
        assertEventually(
                "cs_edu.course",
                () ->
                        maria.query(
                                "cs_shop",
                                String.join(" UNION ALL ", shards) + " ORDER BY 1, 2, 3"),
                target::courses);
        assertEventually(
                "cs_lake.shop_orders",
                () -> maria.query("cs_shop", "SELECT order_id, total, note FROM orders ORDER BY 1"),
                target::orders);
    }

    private interface Rows {
        List<List<String>> get() throws Exception;
    }

    private static void assertEventually(String target, Rows source, Rows copy) throws Exception {
        List<List<String>> expected = source.get();
        assertThat(expected).as("the sources of " + target).isNotEmpty();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!copy.get().equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(copy.get()).as(target).isEqualTo(expected);
    }

    private void run(String database, String... statements) throws Exception {
        try (Connection c = maria.connect(database);
                Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
