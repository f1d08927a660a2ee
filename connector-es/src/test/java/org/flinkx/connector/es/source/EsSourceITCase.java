package org.flinkx.connector.es.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.ExceptionUtils;
import org.flinkx.connector.common.error.ErrorLimitExceededException;
import org.flinkx.connector.common.options.DirtyDataConfig;
import org.flinkx.connector.common.options.DirtySinkKind;
import org.flinkx.connector.common.options.ErrorLimit;
import org.flinkx.connector.common.options.RateLimit;
import org.flinkx.connector.common.testutils.Failures;
import org.flinkx.connector.es.client.EsClient;
import org.flinkx.connector.es.config.ScanMode;
import org.flinkx.connector.es.testutils.EsTestServer;
import org.flinkx.connector.jdbc.testutils.TestClusters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The DataStream source on a MiniCluster against a real node (Elasticsearch 7.10, which reads by
 * scroll, or OpenSearch 2.19, which reads in a point in time): every document read once with its
 * types, index patterns, queries and projections, bad documents to dirty storage, a resume from a
 * checkpoint after a failure, an unreachable node.
 */
class EsSourceITCase {

    /**
     * A failed task restarts all of the job from its checkpoint (not only its region): what each
     * subtask had passed at the restored checkpoint is then known, and all is read after it again.
     */
    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            TestClusters.withSlots(
                    4,
                    Configuration.fromMap(
                            Map.of(JobManagerOptions.EXECUTION_FAILOVER_STRATEGY.key(), "full")));

    private static final String TYPES = "source-types";
    private static final int TYPES_DOCS = 2000;
    private static final String RESUME = "source-resume";
    private static final int RESUME_DOCS = 3000;

    private static final org.apache.flink.table.types.DataType TYPES_FIELDS =
            DataTypes.ROW(
                    DataTypes.FIELD("kw", DataTypes.STRING()),
                    DataTypes.FIELD("txt", DataTypes.STRING()),
                    DataTypes.FIELD("lng", DataTypes.BIGINT()),
                    DataTypes.FIELD("int", DataTypes.INT()),
                    DataTypes.FIELD("dbl", DataTypes.DOUBLE()),
                    DataTypes.FIELD("price", DataTypes.DECIMAL(10, 2)),
                    DataTypes.FIELD("flag", DataTypes.BOOLEAN()),
                    DataTypes.FIELD("ts", DataTypes.TIMESTAMP(3)),
                    DataTypes.FIELD("day", DataTypes.DATE()),
                    DataTypes.FIELD(
                            "obj",
                            DataTypes.ROW(
                                    DataTypes.FIELD("name", DataTypes.STRING()),
                                    DataTypes.FIELD("count", DataTypes.INT()))),
                    DataTypes.FIELD("tags", DataTypes.ARRAY(DataTypes.STRING())),
                    DataTypes.FIELD("loc", DataTypes.STRING()));

    private static EsTestServer server;

    @BeforeAll
    static void createIndices() throws IOException {
        server = EsTestServer.shared();
        server.deleteIndex(TYPES);
        server.createIndex(
                TYPES,
                3,
                "{\"kw\":{\"type\":\"keyword\"},\"txt\":{\"type\":\"text\"},"
                        + "\"lng\":{\"type\":\"long\"},\"int\":{\"type\":\"integer\"},"
                        + "\"dbl\":{\"type\":\"double\"},"
                        + "\"price\":{\"type\":\"scaled_float\",\"scaling_factor\":100},"
                        + "\"flag\":{\"type\":\"boolean\"},\"ts\":{\"type\":\"date\"},"
                        + "\"day\":{\"type\":\"date\"},\"obj\":{\"properties\":{"
                        + "\"name\":{\"type\":\"keyword\"},\"count\":{\"type\":\"integer\"}}},"
                        + "\"tags\":{\"type\":\"keyword\"},\"loc\":{\"type\":\"geo_point\"}}");
        Map<String, Object> documents = new LinkedHashMap<>();
        for (int i = 0; i < TYPES_DOCS; i++) {
            documents.put(String.valueOf(i), typesDocument(i));
        }
        server.index(TYPES, documents);

        server.deleteIndex(RESUME);
        server.createIndex(RESUME, 3, "{\"n\":{\"type\":\"integer\"}}");
        Map<String, Object> numbered = new LinkedHashMap<>();
        for (int i = 0; i < RESUME_DOCS; i++) {
            numbered.put(String.valueOf(i), Map.of("n", i));
        }
        server.index(RESUME, numbered);
    }

    // ------------------------------------------------------------------ every document, typed

    private static long millis(int i) {
        return 1_700_000_000_000L + i * 61_001L;
    }

    private static LocalDate day(int i) {
        return LocalDate.of(2024, 1, 1).plusDays(i % 366);
    }

    private static Map<String, Object> location(int i) {
        Map<String, Object> location = new LinkedHashMap<>();
        location.put("lat", (i % 90) * 0.5);
        location.put("lon", (i % 180) * 0.25);
        return location;
    }

    /** Document i: dates as ISO text in even documents, as epoch millis in odd ones. */
    private static Map<String, Object> typesDocument(int i) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("kw", "kw-" + i);
        if (i % 10 != 0) {
            doc.put("txt", "text number " + i);
        }
        doc.put("lng", i * 1_000_000_007L);
        doc.put("int", i - 1000);
        doc.put("dbl", i * 0.25);
        doc.put("price", new BigDecimal(i + ".25"));
        doc.put("flag", i % 2 == 0);
        doc.put("ts", i % 2 == 0 ? Instant.ofEpochMilli(millis(i)).toString() : millis(i));
        doc.put(
                "day",
                i % 2 == 0
                        ? day(i).toString()
                        : day(i).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli());
        if (i % 13 != 0) {
            doc.put("obj", Map.of("name", "n" + i, "count", i % 7));
        }
        doc.put("tags", i % 5 == 0 ? "solo" : List.of("t" + (i % 3), "x"));
        doc.put("loc", location(i));
        return doc;
    }

    /** The row document i must become: its fields, then _id and _index. */
    private static List<Object> expectedTypesRow(int i) {
        return Arrays.asList(
                "kw-" + i,
                i % 10 == 0 ? null : "text number " + i,
                i * 1_000_000_007L,
                i - 1000,
                i * 0.25,
                new BigDecimal(i + ".25"),
                i % 2 == 0,
                LocalDateTime.ofInstant(Instant.ofEpochMilli(millis(i)), ZoneOffset.UTC),
                day(i),
                i % 13 == 0 ? null : List.of("n" + i, i % 7),
                i % 5 == 0 ? List.of("solo") : List.of("t" + (i % 3), "x"),
                EsClient.JSON.valueToTree(location(i)),
                String.valueOf(i),
                TYPES);
    }

    private static List<Object> typesRow(RowData row) {
        RowData obj = row.isNullAt(9) ? null : row.getRow(9, 2);
        return Arrays.asList(
                string(row, 0),
                string(row, 1),
                row.isNullAt(2) ? null : row.getLong(2),
                row.isNullAt(3) ? null : row.getInt(3),
                row.isNullAt(4) ? null : row.getDouble(4),
                row.isNullAt(5) ? null : row.getDecimal(5, 10, 2).toBigDecimal(),
                row.isNullAt(6) ? null : row.getBoolean(6),
                row.isNullAt(7) ? null : row.getTimestamp(7, 3).toLocalDateTime(),
                row.isNullAt(8) ? null : LocalDate.ofEpochDay(row.getInt(8)),
                obj == null ? null : Arrays.asList(string(obj, 0), obj.getInt(1)),
                row.isNullAt(10) ? null : strings(row.getArray(10)),
                row.isNullAt(11) ? null : json(string(row, 11)),
                string(row, 12),
                string(row, 13));
    }

    @Test
    void readsEveryDocumentOnceWithItsTypes() throws Exception {
        EsSource source =
                builder(TYPES).fields(TYPES_FIELDS).metadata("_id", "_index").slices(4).build();
        List<RowData> rows = collect(source, 2);
        Map<String, List<Object>> actual = new TreeMap<>(EsTestServer.idOrder());
        for (RowData row : rows) {
            List<Object> values = typesRow(row);
            assertThat(actual.put((String) values.get(12), values))
                    .as("document %s read once", values.get(12))
                    .isNull();
        }
        Map<String, List<Object>> expected = new TreeMap<>(EsTestServer.idOrder());
        for (int i = 0; i < TYPES_DOCS; i++) {
            expected.put(String.valueOf(i), expectedTypesRow(i));
        }
        assertThat(rows).hasSize(TYPES_DOCS);
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        for (String id : expected.keySet()) {
            assertThat(actual.get(id)).as("document %s", id).isEqualTo(expected.get(id));
        }
    }

    // ------------------------------------------------------------------ patterns, queries

    /** Two indices with the same ids, read through a pattern: both, whole. */
    @Test
    void readsEveryIndexOfAPattern() throws Exception {
        Set<String> expected = new HashSet<>();
        for (String index : List.of("source-pattern-a", "source-pattern-b")) {
            server.deleteIndex(index);
            server.createIndex(index, 2, "{\"n\":{\"type\":\"integer\"}}");
            Map<String, Object> documents = new LinkedHashMap<>();
            for (int i = 0; i < 150; i++) {
                documents.put(String.valueOf(i), Map.of("n", i));
                expected.add(index + "/" + i + "/" + i);
            }
            server.index(index, documents);
        }
        EsSource source =
                builder("source-pattern-*")
                        .fields(DataTypes.ROW(DataTypes.FIELD("n", DataTypes.INT())))
                        .metadata("_index", "_id")
                        .fetchSize(40)
                        .build();
        List<String> read =
                collect(source, 2).stream()
                        .map(r -> string(r, 1) + "/" + string(r, 2) + "/" + r.getInt(0))
                        .toList();
        assertThat(read).hasSize(300).doesNotHaveDuplicates();
        assertThat(new HashSet<>(read)).isEqualTo(expected);
    }

    /**
     * A query reads only what it matches; fewer fields are read (the rows have only them), and
     * {@code _score} is the hit's score although the search sorts.
     */
    @Test
    void readsWhatTheQueryMatchesAndOnlyTheFieldsAskedFor() throws Exception {
        EsSource source =
                builder(TYPES)
                        .query("{\"range\":{\"int\":{\"gte\":-500,\"lt\":-400}}}")
                        .fields(DataTypes.ROW(DataTypes.FIELD("kw", DataTypes.STRING())))
                        .metadata("_id", "_score")
                        .slices(3)
                        .build();
        List<RowData> rows = collect(source, 2);
        assertThat(rows).hasSize(100);
        Set<String> ids = new HashSet<>();
        for (RowData row : rows) {
            assertThat(row.getArity()).isEqualTo(3);
            String id = string(row, 1);
            ids.add(id);
            assertThat(string(row, 0)).isEqualTo("kw-" + id);
            assertThat(row.isNullAt(2)).as("_score of a scored query").isFalse();
            assertThat(row.getDouble(2)).isEqualTo(1.0);
        }
        Set<String> expected = new HashSet<>();
        for (int i = 500; i < 600; i++) {
            expected.add(String.valueOf(i));
        }
        assertThat(ids).isEqualTo(expected);

        // only metadata: _source is not fetched at all
        List<RowData> idsOnly =
                collect(
                        builder(TYPES)
                                .query("{\"term\":{\"kw\":\"kw-7\"}}")
                                .fields(DataTypes.ROW())
                                .metadata("_id")
                                .build(),
                        1);
        assertThat(idsOnly).hasSize(1);
        assertThat(string(idsOnly.get(0), 0)).isEqualTo("7");
    }

    // ------------------------------------------------------------------ dirty data

    private static final String DIRTY = "source-dirty";
    private static final Set<String> BAD = Set.of("7", "23");

    private static void createDirtyIndex() throws IOException {
        server.deleteIndex(DIRTY);
        // keyword: the index takes any text, the INT column not
        server.createIndex(DIRTY, 2, "{\"num\":{\"type\":\"keyword\"}}");
        Map<String, Object> documents = new LinkedHashMap<>();
        for (int i = 0; i < 50; i++) {
            String id = String.valueOf(i);
            documents.put(id, Map.of("num", BAD.contains(id) ? "abc-" + i : id));
        }
        server.index(DIRTY, documents);
    }

    private static EsSourceBuilder dirtySource(Path dirty, ErrorLimit limit) {
        return builder(DIRTY)
                .fields(DataTypes.ROW(DataTypes.FIELD("num", DataTypes.INT())))
                .metadata("_id")
                .errorLimit(limit)
                .dirtyData(new DirtyDataConfig(DirtySinkKind.FILE, dirty.toString()));
    }

    /**
     * A document whose field does not fit its column goes to dirty storage with its error and is
     * not emitted; the job fails once the bad documents pass the error limit.
     */
    @Test
    void documentsThatDoNotFitGoToDirtyStorage(@TempDir Path tempDir) throws Exception {
        createDirtyIndex();
        Path dirty = tempDir.resolve("dirty");
        List<RowData> rows = collect(dirtySource(dirty, new ErrorLimit(10, -1)).build(), 2);
        assertThat(rows.stream().map(r -> string(r, 1)).toList())
                .hasSize(48)
                .doesNotContainAnyElementsOf(BAD);
        for (RowData row : rows) {
            assertThat(String.valueOf(row.getInt(0))).isEqualTo(string(row, 1));
        }
        List<JsonNode> lines = dirtyLines(dirty);
        assertThat(lines).hasSize(2);
        for (JsonNode line : lines) {
            String id = line.path("location").asText().substring(DIRTY.length() + 1);
            assertThat(line.path("location").asText()).startsWith(DIRTY + "/");
            assertThat(BAD).contains(id);
            assertThat(line.path("connector").asText()).isEqualTo("flinkx-es");
            assertThat(line.path("errorKind").asText()).isEqualTo("conversion-error");
            assertThat(line.path("error").asText()).contains("Field 'num'").contains("abc-" + id);
            JsonNode hit = EsClient.JSON.readTree(line.path("record").asText());
            assertThat(hit.path("_id").asText()).isEqualTo(id);
            assertThat(hit.path("_source").path("num").asText()).isEqualTo("abc-" + id);
        }

        // The limit of 0 fails the job at the first, without restarts.
        assertThatThrownBy(
                        () ->
                                collect(
                                        dirtySource(tempDir.resolve("d0"), ErrorLimit.FAIL_ON_FIRST)
                                                .build(),
                                        2))
                .satisfies(
                        e -> {
                            Failures.assertNotRestarted(e);
                            assertThat(limitMessage(e))
                                    .contains("passed the limit 'errors.max-count' = 0");
                        });
        // Both are counted: 2 bad documents pass a limit of 1.
        assertThatThrownBy(
                        () ->
                                collect(
                                        dirtySource(tempDir.resolve("d1"), new ErrorLimit(1, -1))
                                                .slices(1)
                                                .build(),
                                        1))
                .satisfies(
                        e ->
                                assertThat(limitMessage(e))
                                        .contains(
                                                "2 bad records passed the limit "
                                                        + "'errors.max-count' = 1"));
    }

    private static String limitMessage(Throwable e) {
        return ExceptionUtils.findThrowable(e, ErrorLimitExceededException.class)
                .map(Throwable::getMessage)
                .orElseThrow(() -> new AssertionError("no error-limit failure in " + e, e));
    }

    private static List<JsonNode> dirtyLines(Path directory) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.sorted().toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (!line.isBlank()) {
                        lines.add(EsClient.JSON.readTree(line));
                    }
                }
            }
        }
        return lines;
    }

    // ------------------------------------------------------------------ resume

    /**
     * A job with checkpoints fails once mid-read and restarts (all of it) from its last checkpoint:
     * after the recovery it reads exactly the documents the restored checkpoint had not passed —
     * none twice, none lost.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(
            value = ScanMode.class,
            names = {"AUTO", "SCROLL"})
    void resumesAfterAFailureFromTheLastCheckpoint(ScanMode mode) throws Exception {
        assumeTrue(
                mode == ScanMode.AUTO || server.info().hasPointInTime(),
                "auto is scroll on this server");
        FailOnce.reset(RESUME_DOCS * 2 / 5);
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        env.enableCheckpointing(200);
        EsSource source =
                builder(RESUME)
                        .fields(DataTypes.ROW(DataTypes.FIELD("n", DataTypes.INT())))
                        .metadata("_id")
                        .mode(mode)
                        .slices(3)
                        .fetchSize(50)
                        // slow enough that several checkpoints happen while reading
                        .rateLimit(new RateLimit(700, 0))
                        .build();
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "es-source")
                .map(new FailOnce())
                .returns(Types.STRING)
                .sinkTo(new DiscardingSink<>());
        env.execute("es resume " + mode);

        assertThat(FailOnce.failed).as("the injected failure happened").isTrue();
        assertThat(FailOnce.restoredFrom.get()).as("restored from a checkpoint").isPositive();
        Set<String> before = FailOnce.seenAtCheckpoint.get(FailOnce.restoredFrom.get());
        assertThat(before).as("documents passed at the restored checkpoint").isNotEmpty();
        List<String> after = new ArrayList<>(FailOnce.seenAfterRecovery);
        assertThat(after).as("read after the recovery").doesNotHaveDuplicates();
        assertThat(after).doesNotContainAnyElementsOf(before);
        Set<String> lost = new TreeSet<>(EsTestServer.idOrder());
        for (int i = 0; i < RESUME_DOCS; i++) {
            lost.add(String.valueOf(i));
        }
        lost.removeAll(before);
        after.forEach(lost::remove);
        assertThat(lost)
                .as(
                        "documents lost: %d passed at checkpoint %d, %d read after the recovery",
                        before.size(), FailOnce.restoredFrom.get(), after.size())
                .isEmpty();
        assertThat(before.size() + after.size()).isEqualTo(RESUME_DOCS);
        assertThat(after.size()).isLessThan(RESUME_DOCS);
    }

    /**
     * Passes ids through; fails the job once, after a checkpoint completed and {@code failAfter}
     * rows; records the ids each checkpoint had seen and those read after the restart.
     */
    static final class FailOnce extends RichMapFunction<RowData, String>
            implements CheckpointedFunction, CheckpointListener {

        static volatile int failAfter;
        static volatile boolean failed;
        static final java.util.concurrent.atomic.AtomicLong restoredFrom =
                new java.util.concurrent.atomic.AtomicLong(-1);
        static final AtomicInteger seen = new AtomicInteger();
        static final AtomicBoolean checkpointed = new AtomicBoolean();
        static final Map<Integer, Set<String>> seenBySubtask = new ConcurrentHashMap<>();
        static final Map<Long, Set<String>> seenAtCheckpoint = new ConcurrentHashMap<>();
        static final Queue<String> seenAfterRecovery = new ConcurrentLinkedQueue<>();

        static void reset(int rowsBeforeFailure) {
            failAfter = rowsBeforeFailure;
            failed = false;
            restoredFrom.set(-1);
            seen.set(0);
            checkpointed.set(false);
            seenBySubtask.clear();
            seenAtCheckpoint.clear();
            seenAfterRecovery.clear();
        }

        @Override
        public String map(RowData row) {
            String id = row.getString(1).toString();
            if (attempt() > 0) {
                seenAfterRecovery.add(id);
                return id;
            }
            seenBySubtask.computeIfAbsent(subtask(), k -> ConcurrentHashMap.newKeySet()).add(id);
            if (seen.incrementAndGet() > failAfter && checkpointed.get() && !failed) {
                failed = true;
                throw new RuntimeException("Injected failure after a checkpoint");
            }
            return id;
        }

        @Override
        public void snapshotState(FunctionSnapshotContext context) {
            if (attempt() == 0) {
                seenAtCheckpoint
                        .computeIfAbsent(
                                context.getCheckpointId(), k -> ConcurrentHashMap.newKeySet())
                        .addAll(seenBySubtask.getOrDefault(subtask(), Set.of()));
            }
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            if (attempt() == 0) {
                checkpointed.set(true);
            }
        }

        @Override
        public void initializeState(FunctionInitializationContext context) {
            if (context.isRestored()) {
                restoredFrom.set(context.getRestoredCheckpointId().orElse(-1));
            }
        }

        private int attempt() {
            return getRuntimeContext().getTaskInfo().getAttemptNumber();
        }

        private int subtask() {
            return getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        }
    }

    // ------------------------------------------------------------------ failures

    /** A node that cannot be reached fails the job at once, naming its host and port. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void anUnreachableNodeFailsNamingItsHostAndPort() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        EsSource source =
                EsSource.builder()
                        .hosts("http://127.0.0.1:" + port)
                        .connectTimeout(Duration.ofSeconds(1))
                        .socketTimeout(Duration.ofSeconds(2))
                        .index("anything")
                        .fields(DataTypes.ROW(DataTypes.FIELD("a", DataTypes.STRING())))
                        .build();
        String address = "127.0.0.1:" + port;
        assertThatThrownBy(() -> collect(source, 1))
                .satisfies(
                        e -> {
                            assertThat(ExceptionUtils.findThrowableWithMessage(e, address))
                                    .as("a failure naming %s in %s", address, stack(e))
                                    .isPresent();
                            assertThat(
                                            ExceptionUtils.findThrowableWithMessage(
                                                    e,
                                                    "flinkx-es cannot plan the read of 'anything'"))
                                    .as("the source's failure in %s", stack(e))
                                    .isPresent();
                        });
    }

    /**
     * Refused credentials (401) and refused privileges (403) fail the job without restarts, under
     * Flink's default restart strategy that would otherwise retry without end; no message holds the
     * password.
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void refusedCredentialsAndPrivilegesFailWithoutRestarts() throws Exception {
        String password = "s3cret-pw";
        try (StubCluster stub =
                new StubCluster(
                        r ->
                                StubCluster.error(
                                        401,
                                        "security_exception",
                                        "unable to authenticate user [reader] for REST request [/]"))) {
            EsSource source =
                    EsSource.builder()
                            .hosts(stub.url())
                            .username("reader")
                            .password(password)
                            .index("logs")
                            .fields(DataTypes.ROW(DataTypes.FIELD("a", DataTypes.STRING())))
                            .build();
            assertThatThrownBy(() -> collect(source, TestClusters.defaultRestarts(1)))
                    .satisfies(
                            e -> {
                                Failures.assertNotRestarted(e);
                                assertThat(stack(e))
                                        .contains("answered 401")
                                        .contains("unable to authenticate user [reader]")
                                        .doesNotContain(password);
                            });
        }
        // The server is known; its searches are forbidden: the reader fails.
        try (StubCluster stub =
                new StubCluster(
                        r ->
                                r.path().equals("/")
                                        ? StubCluster.info(false, "7.10.2", "unknown")
                                        : StubCluster.error(
                                                403,
                                                "security_exception",
                                                "action [indices:data/read/search] is unauthorized"))) {
            EsSource source =
                    EsSource.builder()
                            .hosts(stub.url())
                            .username("reader")
                            .password(password)
                            .index("logs")
                            .fields(DataTypes.ROW(DataTypes.FIELD("a", DataTypes.STRING())))
                            .build();
            assertThatThrownBy(() -> collect(source, TestClusters.defaultRestarts(1)))
                    .satisfies(
                            e -> {
                                Failures.assertNotRestarted(e);
                                assertThat(stack(e))
                                        .contains("answered 403")
                                        .contains("is unauthorized")
                                        .contains("Reading EsSplit{slice 0/1 of 'logs' by scroll}")
                                        .doesNotContain(password);
                            });
            assertThat(stub.requests)
                    .extracting(StubCluster.Request::path)
                    .contains("/logs/_search?scroll=300000ms");
        }
    }

    private static String stack(Throwable e) {
        return ExceptionUtils.stringifyException(e);
    }

    // ------------------------------------------------------------------ helpers

    private static EsSourceBuilder builder(String index) {
        return EsSource.builder().hosts(server.url()).index(index);
    }

    /** Runs the source alone (no restarts) and collects its rows. */
    static List<RowData> collect(EsSource source, int parallelism) throws Exception {
        return collect(source, TestClusters.environment(parallelism));
    }

    static List<RowData> collect(EsSource source, StreamExecutionEnvironment env) throws Exception {
        List<RowData> rows = new ArrayList<>();
        try (CloseableIterator<RowData> iterator =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "es-source")
                        .executeAndCollect("es source " + source.config().index())) {
            iterator.forEachRemaining(rows::add);
        }
        return rows;
    }

    /** A geo_point's JSON (its keys' order is the cluster's: source filtering rewrites it). */
    private static JsonNode json(String text) {
        try {
            return EsClient.JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("Not JSON: " + text, e);
        }
    }

    private static String string(RowData row, int pos) {
        return row.isNullAt(pos) ? null : row.getString(pos).toString();
    }

    private static List<String> strings(ArrayData array) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            values.add(array.isNullAt(i) ? null : array.getString(i).toString());
        }
        return values;
    }
}
