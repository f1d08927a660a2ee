package org.flinkx.connector.starrocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.flinkx.connector.common.testutils.Failures;
import org.flinkx.connector.jdbc.testutils.TestClusters;
import org.flinkx.connector.starrocks.testserver.Fault;
import org.flinkx.connector.starrocks.testserver.StarRocksTestServer;
import org.flinkx.connector.starrocks.testserver.TableModel;
import org.flinkx.connector.starrocks.testserver.TransactionInfo;
import org.flinkx.connector.starrocks.testserver.TxnState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code flinkx-starrocks} through Flink SQL into the Stream Load test server, the way users write
 * it: the table declared with its columns in another order than StarRocks', CSV and JSON, the
 * at-least-once and exactly-once paths, the server's failures (HTTP 200 with a failed status, 5xx,
 * a lost answer, an unreachable FE, a wrong password) and bad rows.
 */
class StarRocksSinkITCase {

    @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.withSlots(4);

    private static final String USER = "loader";
    private static final String PASSWORD = "s3cret-Pw0rd";
    private static final String DB = "shop";
    private static final AtomicInteger TABLES = new AtomicInteger();

    private static StarRocksTestServer server;

    @TempDir Path tempDir;

    @BeforeAll
    static void startServer() throws Exception {
        server = StarRocksTestServer.start(USER, PASSWORD, 2);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @AfterEach
    void noFaultLeft() {
        server.faults().clear();
    }

    // ------------------------------------------------------------------ helpers

    private static String newTable(TableModel model, String... columns) {
        String name = "t" + TABLES.incrementAndGet();
        server.createTable(DB, name, List.of(columns), List.of("id"), model);
        return name;
    }

    private static String with(String table, String... more) {
        List<String> options = new ArrayList<>();
        options.add("'connector' = 'flinkx-starrocks'");
        options.add("'jdbc-url' = 'jdbc:mysql://127.0.0.1:9030'");
        options.add("'load-url' = '" + server.feAddress() + "'");
        options.add("'database-name' = '" + DB + "'");
        options.add("'table-name' = '" + table + "'");
        options.add("'username' = '" + USER + "'");
        options.add("'password' = '" + PASSWORD + "'");
        options.add("'sink.retry.backoff' = '50ms'");
        options.addAll(List.of(more));
        return " WITH (" + String.join(", ", options) + ")";
    }

    private static TableEnvironment batch() {
        TableEnvironment tEnv = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        tEnv.getConfig().set("parallelism.default", "2");
        tEnv.getConfig().set("restart-strategy.type", "none");
        return tEnv;
    }

    private static TableEnvironment streaming() {
        TableEnvironment tEnv = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        tEnv.getConfig().set("parallelism.default", "2");
        tEnv.getConfig().set("restart-strategy.type", "none");
        tEnv.getConfig().set("execution.checkpointing.interval", "200ms");
        return tEnv;
    }

    /** The table's rows, sorted by id, each as its columns in the table's order. */
    private static List<Map<String, String>> rows(String table) {
        List<Map<String, String>> rows = new ArrayList<>(server.rows(DB, table));
        rows.sort(Comparator.comparingLong(r -> Long.parseLong(r.get("id"))));
        return rows;
    }

    private static Map<String, String> row(String... keysAndValues) {
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            row.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return row;
    }

    private static List<String> dirtyLines(Path directory) throws Exception {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.sorted().toList()) {
                lines.addAll(Files.readAllLines(file));
            }
        }
        return lines;
    }

    private static List<TransactionInfo> labelsOf(String table) {
        return server.transactions().stream().filter(t -> t.table().equals(table)).toList();
    }

    // ------------------------------------------------------------------ formats

    /**
     * Values with the separator, the delimiter, the enclose character and {@code \N} in them
     * round-trip in CSV with {@code enclose}, as they do in JSON; NULLs stay NULL; the Flink table
     * declares its columns in another order than StarRocks' table (the {@code columns} header maps
     * them).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"csv", "json"})
    void valuesRoundTripWhateverTheyContain(String format) throws Exception {
        String table =
                newTable(
                        TableModel.DUPLICATE_KEY,
                        "id BIGINT",
                        "amount DECIMAL(12, 2)",
                        "name VARCHAR(200)",
                        "dt DATE",
                        "ts DATETIME",
                        "ok BOOLEAN",
                        "score DOUBLE",
                        "attrs JSON");
        String formatOptions =
                format.equals("csv")
                        ? "'sink.properties.enclose' = '\"', 'sink.properties.column_separator' = '\\x01'"
                        : "'sink.properties.format' = 'json'";
        TableEnvironment tEnv = batch();
        tEnv.executeSql(
                "CREATE TABLE sr (name STRING, id BIGINT, attrs MAP<STRING, INT>, dt DATE, "
                        + "amount DECIMAL(12, 2), ts TIMESTAMP(6), ok BOOLEAN, score DOUBLE)"
                        + with(table, formatOptions));
        tEnv.executeSql(
                        "INSERT INTO sr VALUES "
                                + "('tab\there, new\nline', 1, MAP['a', 1], DATE '2024-02-29', 12.50, "
                                + "TIMESTAMP '2024-02-29 23:59:58.123456', TRUE, 1.5), "
                                + "('say \"hi\"\u0001and more', 2, CAST(NULL AS MAP<STRING, INT>), "
                                + "DATE '1970-01-01', -0.01, TIMESTAMP '1999-12-31 00:00:00', FALSE, -2.0), "
                                + "('\\N', 3, MAP['b', 2], CAST(NULL AS DATE), 0.00, "
                                + "CAST(NULL AS TIMESTAMP(6)), CAST(NULL AS BOOLEAN), CAST(NULL AS DOUBLE)), "
                                + "(CAST(NULL AS STRING), 4, MAP['c', 3], DATE '2000-01-01', 1.00, "
                                + "TIMESTAMP '2000-01-01 01:02:03', TRUE, 0.25), "
                                + "('', 5, MAP['d', 4], DATE '2000-01-02', 2.00, "
                                + "TIMESTAMP '2000-01-02 01:02:03.5', TRUE, 3.0)")
                .await();

        assertThat(rows(table))
                .containsExactly(
                        row(
                                "id",
                                "1",
                                "amount",
                                "12.50",
                                "name",
                                "tab\there, new\nline",
                                "dt",
                                "2024-02-29",
                                "ts",
                                "2024-02-29 23:59:58.123456",
                                "ok",
                                "true",
                                "score",
                                "1.5",
                                "attrs",
                                "{\"a\":1}"),
                        row(
                                "id",
                                "2",
                                "amount",
                                "-0.01",
                                "name",
                                "say \"hi\"\u0001and more",
                                "dt",
                                "1970-01-01",
                                "ts",
                                "1999-12-31 00:00:00",
                                "ok",
                                "false",
                                "score",
                                "-2.0",
                                "attrs",
                                null),
                        row(
                                "id",
                                "3",
                                "amount",
                                "0.00",
                                "name",
                                "\\N",
                                "dt",
                                null,
                                "ts",
                                null,
                                "ok",
                                null,
                                "score",
                                null,
                                "attrs",
                                "{\"b\":2}"),
                        row(
                                "id",
                                "4",
                                "amount",
                                "1.00",
                                "name",
                                null,
                                "dt",
                                "2000-01-01",
                                "ts",
                                "2000-01-01 01:02:03",
                                "ok",
                                "true",
                                "score",
                                "0.25",
                                "attrs",
                                "{\"c\":3}"),
                        row(
                                "id",
                                "5",
                                "amount",
                                "2.00",
                                "name",
                                "",
                                "dt",
                                "2000-01-02",
                                "ts",
                                "2000-01-02 01:02:03.5",
                                "ok",
                                "true",
                                "score",
                                "3.0",
                                "attrs",
                                "{\"d\":4}"));
        assertThat(labelsOf(table)).allMatch(t -> t.state() == TxnState.VISIBLE);
    }

    /**
     * CSV without {@code enclose}: a value that would shift its row's columns goes to dirty storage
     * with a message naming the column and the two ways out; the other rows load.
     */
    @Test
    void csvWithoutEncloseSendsShiftingValuesToDirtyStorage() throws Exception {
        String table = newTable(TableModel.DUPLICATE_KEY, "id BIGINT", "name VARCHAR(100)");
        Path dirty = tempDir.resolve("dirty");
        TableEnvironment tEnv = batch();
        tEnv.executeSql(
                "CREATE TABLE sr (id BIGINT, name STRING)"
                        + with(
                                table,
                                "'dirty.sink' = 'file'",
                                "'dirty.path' = '" + dirty + "'",
                                "'errors.max-count' = '5'",
                                "'sink.parallelism' = '1'"));
        tEnv.executeSql(
                        "INSERT INTO sr VALUES (1, 'plain'), (2, 'with\ttab'), (3, 'with\nnewline'), "
                                + "(4, 'ok too')")
                .await();

        assertThat(rows(table))
                .containsExactly(row("id", "1", "name", "plain"), row("id", "4", "name", "ok too"));
        List<String> lines = dirtyLines(dirty);
        assertThat(lines).hasSize(2);
        assertThat(lines)
                .allSatisfy(
                        line ->
                                assertThat(line)
                                        .contains("Column 'name'")
                                        .contains("sink.properties.enclose")
                                        .contains("encoding"));
        assertThat(String.join("\n", lines)).contains("\\\"id\\\":2").contains("\\\"id\\\":3");
    }

    // ------------------------------------------------------------------ changelog

    /**
     * A changelog into a primary-key table: inserts, updates and deletes arrive as upserts and
     * deletes ({@code __op}) in their order, across many small batches; the target equals the
     * changelog's final state, computed independently while the changes are generated.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"csv", "json"})
    void aChangelogEndsAsItsFinalState(String format) throws Exception {
        String table = newTable(TableModel.PRIMARY_KEY, "id BIGINT", "name VARCHAR(50)", "n INT");
        List<Row> changes = new ArrayList<>();
        Map<Long, Row> finalState = new java.util.TreeMap<>();
        for (int i = 0; i < 400; i++) {
            long id = i % 23;
            Row current = finalState.get(id);
            if (current == null) {
                Row inserted = Row.ofKind(RowKind.INSERT, id, "v" + i, i);
                changes.add(inserted);
                finalState.put(id, inserted);
            } else if (i % 5 == 0) {
                changes.add(
                        Row.ofKind(RowKind.DELETE, id, current.getField(1), current.getField(2)));
                finalState.remove(id);
            } else {
                changes.add(
                        Row.ofKind(
                                RowKind.UPDATE_BEFORE,
                                id,
                                current.getField(1),
                                current.getField(2)));
                Row updated = Row.ofKind(RowKind.UPDATE_AFTER, id, "v" + i, i);
                changes.add(updated);
                finalState.put(id, updated);
            }
        }
        StreamExecutionEnvironment env = TestClusters.environment(1);
        StreamTableEnvironment tEnv = StreamTableEnvironment.create(env);
        DataStream<Row> stream =
                env.fromData(changes)
                        .returns(
                                Types.ROW_NAMED(
                                        new String[] {"id", "name", "n"},
                                        Types.LONG,
                                        Types.STRING,
                                        Types.INT));
        tEnv.createTemporaryView("changes", tEnv.fromChangelogStream(stream));
        tEnv.executeSql(
                "CREATE TABLE sr (n INT, id BIGINT, name STRING, PRIMARY KEY (id) NOT ENFORCED)"
                        + with(
                                table,
                                "'sink.properties.format' = '" + format + "'",
                                "'sink.buffer-flush.max-rows' = '7'"));
        tEnv.executeSql("INSERT INTO sr SELECT n, id, name FROM changes").await();

        List<Map<String, String>> expected = new ArrayList<>();
        finalState.forEach(
                (id, r) ->
                        expected.add(
                                row(
                                        "id", String.valueOf(id),
                                        "name", (String) r.getField(1),
                                        "n", String.valueOf(r.getField(2)))));
        assertThat(rows(table)).isEqualTo(expected);
        assertThat(server.openTransactions()).isEmpty();
    }

    // ------------------------------------------------------------------ exactly-once

    private static String sequence(int rows) {
        return "CREATE TABLE src (id BIGINT, name STRING) WITH ('connector' = 'datagen', "
                + "'number-of-rows' = '"
                + rows
                + "', 'rows-per-second' = '"
                + Math.max(1, rows / 3)
                + "', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '"
                + rows
                + "', 'fields.name.length' = '8')";
    }

    private static void assertIdsOnce(String table, int rows) {
        List<Long> ids = new ArrayList<>();
        for (Map<String, String> row : rows(table)) {
            ids.add(Long.parseLong(row.get("id")));
        }
        List<Long> expected = new ArrayList<>();
        for (long id = 1; id <= rows; id++) {
            expected.add(id);
        }
        assertThat(ids).isEqualTo(expected);
    }

    /**
     * Exactly-once ({@code sink.semantic}, the StarRocks connector's key): every checkpoint's rows
     * are one transaction, committed once; at the end no transaction is left open and every row is
     * in the (duplicate-key) table once. The server's answers {@code TXN_IN_PROCESSING} and 503 on
     * the way are retried.
     */
    @Test
    void exactlyOnceCommitsEveryCheckpointOnce() throws Exception {
        String table = newTable(TableModel.DUPLICATE_KEY, "id BIGINT", "name VARCHAR(20)");
        server.faults()
                .add(Fault.txnInProcessing().times(2).onPath("/api/transaction/prepare"))
                .add(Fault.txnInProcessing().onPath("/api/transaction/commit"))
                .add(Fault.serverError(503).onPath("/api/transaction/begin"));
        TableEnvironment tEnv = streaming();
        tEnv.executeSql(sequence(3000));
        tEnv.executeSql(
                "CREATE TABLE sr (name STRING, id BIGINT)"
                        + with(table, "'sink.semantic' = 'exactly-once'"));
        tEnv.executeSql("INSERT INTO sr SELECT name, id FROM src").await();

        assertIdsOnce(table, 3000);
        List<TransactionInfo> transactions = labelsOf(table);
        assertThat(transactions).hasSizeGreaterThan(2);
        assertThat(transactions).allMatch(t -> !t.streamLoad() && t.state() == TxnState.VISIBLE);
        assertThat(transactions)
                .allSatisfy(t -> assertThat(t.label()).startsWith("flinkx-" + table + "-"));
        assertThat(server.openTransactions()).isEmpty();
        assertThat(server.faults().pending()).isZero();
    }

    /** A prepare StarRocks refuses fails the job: no checkpoint completes without its rows. */
    @Test
    void aFailedPrepareFailsTheJob() {
        String table = newTable(TableModel.DUPLICATE_KEY, "id BIGINT", "name VARCHAR(20)");
        server.faults().add(Fault.statusFail().times(100).onPath("/api/transaction/prepare"));
        TableEnvironment tEnv = streaming();
        tEnv.executeSql(sequence(500));
        tEnv.executeSql(
                "CREATE TABLE sr (id BIGINT, name STRING)"
                        + with(table, "'sink.delivery-guarantee' = 'exactly-once'"));

        assertThatThrownBy(() -> tEnv.executeSql("INSERT INTO sr SELECT * FROM src").await())
                .satisfies(
                        e ->
                                assertThat(Failures.rootMessage(e))
                                        .contains(
                                                "StarRocks refused to prepare the transaction flinkx-"
                                                        + table)
                                        .contains("injected failure"));
        assertThat(server.rows(DB, table)).isEmpty();
    }

    /**
     * A commit StarRocks refuses fails the job with the label and what to do: it is never logged
     * and dropped.
     */
    @Test
    void aFailedCommitFailsTheJob() {
        String table = newTable(TableModel.DUPLICATE_KEY, "id BIGINT", "name VARCHAR(20)");
        server.faults().add(Fault.statusFail().times(100).onPath("/api/transaction/commit"));
        TableEnvironment tEnv = streaming();
        tEnv.executeSql(sequence(200));
        tEnv.executeSql(
                "CREATE TABLE sr (id BIGINT, name STRING)"
                        + with(
                                table,
                                "'sink.delivery-guarantee' = 'exactly-once'",
                                "'sink.max-retries' = '1'"));

        assertThatThrownBy(() -> tEnv.executeSql("INSERT INTO sr SELECT * FROM src").await())
                .satisfies(
                        e ->
                                assertThat(
                                                org.apache.flink.util.ExceptionUtils
                                                        .stringifyException(e))
                                        .contains(
                                                "Committing the Stream Load transaction flinkx-"
                                                        + table)
                                        .contains("injected failure")
                                        .contains("stays PREPARED")
                                        .contains("/api/transaction/commit"));
        assertThat(server.rows(DB, table)).isEmpty();
    }

    // ------------------------------------------------------------------ failures

    /** HTTP 200 with {@code "Status": "Fail"} is a failure: retried, then the job fails. */
    @Test
    void aFailedStatusWithHttp200FailsTheJob() {
        String table = newTable(TableModel.DUPLICATE_KEY, "id BIGINT", "name VARCHAR(20)");
        server.faults().add(Fault.statusFail().times(100).onPath("_stream_load"));
        TableEnvironment tEnv = batch();
        tEnv.executeSql(
                "CREATE TABLE sr (id BIGINT, name STRING)"
                        + with(table, "'sink.max-retries' = '2'", "'sink.parallelism' = '1'"));

        assertThatThrownBy(
                        () -> tEnv.executeSql("INSERT INTO sr VALUES (1, 'a'), (2, 'b')").await())
                .satisfies(
                        e ->
                                assertThat(
                                                org.apache.flink.util.ExceptionUtils
                                                        .stringifyException(e))
                                        .contains("failed after 3 attempts")
                                        .contains("Status 'Fail', Message 'injected failure'"));
        assertThat(server.rows(DB, table)).isEmpty();
        assertThat(server.faults().pending()).isEqualTo(97);
    }

    /**
     * A load StarRocks did but whose answer was lost: the retry meets its label, looks it up, finds
     * it finished and goes on; no row is loaded twice. 503 answers are retried the same way.
     */
    @Test
    void aRetryAfterALostAnswerLoadsNothingTwice() throws Exception {
        String table = newTable(TableModel.DUPLICATE_KEY, "id BIGINT", "name VARCHAR(20)");
        server.faults()
                .add(Fault.dropAnswer().onPath("_stream_load"))
                .add(Fault.serverError(503).times(2).onPath("_stream_load"));
        TableEnvironment tEnv = batch();
        tEnv.executeSql(sequence(300));
        tEnv.executeSql(
                "CREATE TABLE sr (id BIGINT, name STRING)"
                        + with(
                                table,
                                "'sink.buffer-flush.max-rows' = '100'",
                                "'sink.parallelism' = '1'"));
        tEnv.executeSql("INSERT INTO sr SELECT * FROM src").await();

        assertIdsOnce(table, 300);
        assertThat(labelsOf(table)).hasSize(3).allMatch(t -> t.state() == TxnState.VISIBLE);
        assertThat(server.faults().pending()).isZero();
    }

    /** An FE nobody listens on fails the job in bounded time, naming its address. */
    @Test
    void anUnreachableFeFailsNamingItsAddress() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String address = "127.0.0.1:" + port;
        TableEnvironment tEnv = batch();
        tEnv.executeSql(
                "CREATE TABLE sr (id BIGINT, name STRING)"
                        + with(
                                "nowhere",
                                "'load-url' = '" + address + "'",
                                "'sink.max-retries' = '1'",
                                "'sink.connect.timeout-ms' = '1000'"));

        assertThatThrownBy(() -> tEnv.executeSql("INSERT INTO sr VALUES (1, 'a')").await())
                .satisfies(
                        e ->
                                assertThat(
                                                org.apache.flink.util.ExceptionUtils
                                                        .stringifyException(e))
                                        .contains(
                                                "failed after 2 attempts: Cannot connect to "
                                                        + address));
    }

    /**
     * A wrong password fails the job at once (no restarts: they cannot cure it), naming the user,
     * never showing a password.
     */
    @Test
    void aWrongPasswordFailsWithoutShowingIt() {
        String table = newTable(TableModel.DUPLICATE_KEY, "id BIGINT", "name VARCHAR(20)");
        String wrong = "not-the-Pw-42";
        TableEnvironment tEnv = batch();
        tEnv.getConfig().set("restart-strategy.type", "fixed-delay");
        tEnv.getConfig().set("restart-strategy.fixed-delay.attempts", "5");
        tEnv.getConfig().set("restart-strategy.fixed-delay.delay", "100ms");
        tEnv.executeSql(
                "CREATE TABLE sr (id BIGINT, name STRING)"
                        + with(table, "'password' = '" + wrong + "'"));

        assertThatThrownBy(() -> tEnv.executeSql("INSERT INTO sr VALUES (1, 'a')").await())
                .satisfies(
                        e -> {
                            String all = org.apache.flink.util.ExceptionUtils.stringifyException(e);
                            assertThat(Failures.rootMessage(e))
                                    .contains("refused user '" + USER + "' (HTTP 401)");
                            assertThat(all).doesNotContain(wrong).doesNotContain(PASSWORD);
                            Failures.assertNotRestarted(e);
                        });
    }

    /**
     * Rows StarRocks filters come back through the load's ErrorURL: each goes to dirty storage with
     * the server's reason and counts against the error limit; past it the job fails.
     */
    @Test
    void filteredRowsGoToDirtyStorageWithTheServersReason() throws Exception {
        String table = newTable(TableModel.DUPLICATE_KEY, "id BIGINT", "name VARCHAR(5)");
        Path dirty = tempDir.resolve("filtered");
        String values = "VALUES (1, 'ok'), (2, 'far too long'), (3, 'fine'), (4, 'also too long')";
        TableEnvironment tEnv = batch();
        tEnv.executeSql(
                "CREATE TABLE sr (id BIGINT, name STRING)"
                        + with(
                                table,
                                "'dirty.sink' = 'file'",
                                "'dirty.path' = '" + dirty + "'",
                                "'errors.max-count' = '2'",
                                "'sink.parallelism' = '1'"));
        tEnv.executeSql("INSERT INTO sr " + values).await();

        assertThat(rows(table))
                .containsExactly(row("id", "1", "name", "ok"), row("id", "3", "name", "fine"));
        List<String> lines = dirtyLines(dirty);
        assertThat(lines).hasSize(2);
        assertThat(lines)
                .allSatisfy(
                        line ->
                                assertThat(line)
                                        .contains("filtered")
                                        .contains("StarRocks filtered the row")
                                        .contains("column 'name'"));
        assertThat(String.join("\n", lines)).contains("far too long").contains("also too long");

        String second = newTable(TableModel.DUPLICATE_KEY, "id BIGINT", "name VARCHAR(5)");
        tEnv.executeSql(
                "CREATE TABLE sr2 (id BIGINT, name STRING)"
                        + with(second, "'errors.max-count' = '1'", "'sink.parallelism' = '1'"));
        assertThatThrownBy(() -> tEnv.executeSql("INSERT INTO sr2 " + values).await())
                .satisfies(
                        e ->
                                assertThat(Failures.rootMessage(e))
                                        .contains("'errors.max-count' = 1"));
    }

    // ------------------------------------------------------------------ planning

    /** Wrong options fail at planning with the key and the allowed values. */
    @Test
    void wrongOptionsFailAtPlanningNamingTheKey() {
        TableEnvironment tEnv = batch();
        tEnv.executeSql(
                "CREATE TABLE g (id BIGINT)" + with("x", "'sink.delivery-guarantee' = 'twice'"));
        assertThatThrownBy(() -> tEnv.executeSql("INSERT INTO g VALUES (1)"))
                .satisfies(
                        e ->
                                assertThat(Failures.rootMessage(e))
                                        .contains("sink.delivery-guarantee")
                                        .contains("exactly-once")
                                        .contains("at-least-once"));
        tEnv.executeSql(
                "CREATE TABLE f (id BIGINT)" + with("x", "'sink.properties.format' = 'xml'"));
        assertThatThrownBy(() -> tEnv.executeSql("INSERT INTO f VALUES (1)"))
                .satisfies(
                        e ->
                                assertThat(Failures.rootMessage(e))
                                        .contains("'sink.properties.format' = 'xml'")
                                        .contains("[csv, json]"));
        tEnv.executeSql("CREATE TABLE l (id BIGINT)" + with("x", "'sink.label-prefix' = 'a b'"));
        assertThatThrownBy(() -> tEnv.executeSql("INSERT INTO l VALUES (1)"))
                .satisfies(
                        e -> assertThat(Failures.rootMessage(e)).contains("'sink.label-prefix'"));
        tEnv.executeSql("CREATE TABLE u (id BIGINT)" + with("x", "'load-url' = 'fe1'"));
        assertThatThrownBy(() -> tEnv.executeSql("INSERT INTO u VALUES (1)"))
                .satisfies(
                        e ->
                                assertThat(Failures.rootMessage(e))
                                        .contains("'fe1' is not an FE address host:http_port"));
    }

    // ------------------------------------------------------------------ more of the protocol

    /**
     * {@code Publish Timeout}: the load is committed and becomes visible when StarRocks publishes
     * it; the sink counts it as done (no retry, so no duplicate).
     */
    @Test
    void aPublishTimeoutIsDoneAndVisibleOncePublished() throws Exception {
        String table = newTable(TableModel.DUPLICATE_KEY, "id BIGINT", "name VARCHAR(20)");
        server.faults().add(Fault.publishTimeout().onPath("_stream_load"));
        TableEnvironment tEnv = batch();
        tEnv.executeSql(
                "CREATE TABLE sr (id BIGINT, name STRING)"
                        + with(table, "'sink.parallelism' = '1'"));
        tEnv.executeSql("INSERT INTO sr VALUES (1, 'a'), (2, 'b')").await();

        assertThat(server.faults().pending()).isZero();
        assertThat(server.rows(DB, table)).as("committed, not yet published").isEmpty();
        server.clock().advance(java.time.Duration.ofSeconds(2));
        assertThat(rows(table))
                .containsExactly(row("id", "1", "name", "a"), row("id", "2", "name", "b"));
        assertThat(labelsOf(table)).hasSize(1);
    }

    /** An FE of 'load-url' that cannot be reached is skipped: the next one takes the loads. */
    @Test
    void anUnreachableFeIsSkippedForTheNext() throws Exception {
        int dead;
        try (ServerSocket socket = new ServerSocket(0)) {
            dead = socket.getLocalPort();
        }
        String table = newTable(TableModel.DUPLICATE_KEY, "id BIGINT", "name VARCHAR(20)");
        TableEnvironment tEnv = batch();
        tEnv.executeSql(
                "CREATE TABLE sr (id BIGINT, name STRING)"
                        + with(
                                table,
                                "'load-url' = '127.0.0.1:" + dead + ";" + server.feAddress() + "'",
                                "'sink.max-retries' = '0'"));
        tEnv.executeSql("INSERT INTO sr VALUES (1, 'a'), (2, 'b'), (3, 'c')").await();

        assertThat(rows(table)).extracting(r -> r.get("id")).containsExactly("1", "2", "3");
    }

    /**
     * Exactly-once, a connection reset while a load's body is sent: the load's outcome is unknown,
     * so it is not sent again into the transaction; the job restarts from its checkpoint, the
     * transaction is rolled back, and every row ends in the table once.
     */
    @Test
    void aResetMidLoadRestartsFromTheCheckpointAndLoadsEveryRowOnce() throws Exception {
        String table = newTable(TableModel.DUPLICATE_KEY, "id BIGINT", "name VARCHAR(20)");
        server.faults().add(Fault.resetMidBody().onPath("/api/transaction/load"));
        TableEnvironment tEnv = streaming();
        tEnv.getConfig().set("restart-strategy.type", "fixed-delay");
        tEnv.getConfig().set("restart-strategy.fixed-delay.attempts", "3");
        tEnv.getConfig().set("restart-strategy.fixed-delay.delay", "200ms");
        tEnv.executeSql(sequence(2000));
        tEnv.executeSql(
                "CREATE TABLE sr (id BIGINT, name STRING)"
                        + with(
                                table,
                                "'sink.delivery-guarantee' = 'exactly-once'",
                                "'sink.buffer-flush.max-rows' = '100'"));
        tEnv.executeSql("INSERT INTO sr SELECT * FROM src").await();

        assertThat(server.faults().pending()).as("the reset happened").isZero();
        assertIdsOnce(table, 2000);
        assertThat(labelsOf(table)).anyMatch(t -> t.state() == TxnState.ABORTED);
        assertThat(server.openTransactions()).isEmpty();
    }
}
