package org.flinkx.connector.es.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
import org.apache.flink.util.ExceptionUtils;
import org.flinkx.connector.es.client.EsClient;
import org.flinkx.connector.es.testutils.EsTestServer;
import org.flinkx.connector.jdbc.testutils.TestClusters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code flinkx-es} as a SQL sink into a real node (Elasticsearch 7.10 or OpenSearch 2.19, see
 * {@link EsTestServer}), the way users write it: columns declared in another order than the
 * documents are read, changelogs with a primary key, generated ids without one, index names from a
 * column's date, rows the cluster refuses, a full write queue, an unreachable node.
 */
class EsSinkITCase {

    @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.withSlots(4);

    private static final AtomicInteger INDICES = new AtomicInteger();

    private static EsTestServer server;

    @TempDir Path tempDir;

    @BeforeAll
    static void startServer() throws Exception {
        server = EsTestServer.shared();
    }

    private static String newIndex() {
        return "sink-" + INDICES.incrementAndGet();
    }

    private static String with(String index, String... more) {
        List<String> options = new ArrayList<>();
        options.add("'connector' = 'flinkx-es'");
        options.add("'hosts' = '" + server.url() + "'");
        options.add("'index' = '" + index + "'");
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

    private static String json(String text) throws Exception {
        return EsClient.JSON.readTree(text).toString();
    }

    // ------------------------------------------------------------------ documents

    /**
     * Every Flink type lands as Elasticsearch reads it: the document id from the primary key, dates
     * as ISO text, DECIMAL with its digits, nested ROW as an object, ARRAY and MAP, NULL as null;
     * the table declares its columns in another order than the INSERT's.
     */
    @Test
    void everyTypeLandsAsADocumentField() throws Exception {
        String index = newIndex();
        TableEnvironment tEnv = batch();
        tEnv.executeSql(
                "CREATE TABLE es (name STRING, id BIGINT, price DECIMAL(10, 2), dt DATE, "
                        + "ts TIMESTAMP(3), ltz TIMESTAMP_LTZ(3), ok BOOLEAN, score DOUBLE, "
                        + "tags ARRAY<STRING>, attrs MAP<STRING, INT>, "
                        + "address ROW<city STRING, zip INT>, small TINYINT, t TIME(3), "
                        + "PRIMARY KEY (id) NOT ENFORCED)"
                        + with(index));
        tEnv.executeSql(
                        "INSERT INTO es (id, name, price, dt, ts, ltz, ok, score, tags, attrs, "
                                + "address, small, t) VALUES "
                                + "(1, 'caf\u00e9 \"quoted\"', 12.50, DATE '2024-02-29', "
                                + "TIMESTAMP '2024-02-29 23:59:58.123', "
                                + "TO_TIMESTAMP_LTZ(1709251198123, 3), TRUE, 1.5, "
                                + "ARRAY['a', 'b'], MAP['x', 1], ROW('Berlin', 10115), "
                                + "CAST(7 AS TINYINT), TIME '10:11:12'), "
                                + "(2, CAST(NULL AS STRING), -0.01, CAST(NULL AS DATE), "
                                + "CAST(NULL AS TIMESTAMP(3)), CAST(NULL AS TIMESTAMP_LTZ(3)), "
                                + "FALSE, CAST(NULL AS DOUBLE), CAST(NULL AS ARRAY<STRING>), "
                                + "CAST(NULL AS MAP<STRING, INT>), "
                                + "CAST(NULL AS ROW<city STRING, zip INT>), "
                                + "CAST(NULL AS TINYINT), CAST(NULL AS TIME(3)))")
                .await();

        Map<String, JsonNode> documents = server.documents(index);
        assertThat(documents.keySet()).containsExactly("1", "2");
        assertThat(documents.get("1").toString())
                .isEqualTo(
                        json(
                                "{\"name\":\"caf\u00e9 \\\"quoted\\\"\",\"id\":1,\"price\":12.50,"
                                        + "\"dt\":\"2024-02-29\",\"ts\":\"2024-02-29T23:59:58.123\","
                                        + "\"ltz\":\"2024-02-29T23:59:58.123Z\",\"ok\":true,"
                                        + "\"score\":1.5,\"tags\":[\"a\",\"b\"],\"attrs\":{\"x\":1},"
                                        + "\"address\":{\"city\":\"Berlin\",\"zip\":10115},"
                                        + "\"small\":7,\"t\":\"10:11:12\"}"));
        assertThat(documents.get("2").toString())
                .isEqualTo(
                        json(
                                "{\"name\":null,\"id\":2,\"price\":-0.01,\"dt\":null,\"ts\":null,"
                                        + "\"ltz\":null,\"ok\":false,\"score\":null,\"tags\":null,"
                                        + "\"attrs\":null,\"address\":null,\"small\":null,"
                                        + "\"t\":null}"));
    }

    /**
     * A changelog with a primary key (inserts, updates with their UPDATE_BEFORE, deletes) ends as
     * its final state: one document per live key, the composite key joined by the delimiter.
     */
    @Test
    void changelogWithAPrimaryKeyEndsAsItsFinalState() throws Exception {
        String index = newIndex();
        List<Row> changes = new ArrayList<>();
        Map<String, Row> finalState = new TreeMap<>();
        for (int i = 0; i < 300; i++) {
            long id = i % 40;
            String region = id % 2 == 0 ? "eu" : "us";
            String docId = region + "#" + id;
            Row current = finalState.get(docId);
            if (current == null) {
                Row inserted = Row.ofKind(RowKind.INSERT, id, region, "v" + i);
                changes.add(inserted);
                finalState.put(docId, inserted);
            } else if (i % 7 == 0) {
                changes.add(Row.ofKind(RowKind.DELETE, id, region, current.getField(2)));
                finalState.remove(docId);
            } else {
                changes.add(Row.ofKind(RowKind.UPDATE_BEFORE, id, region, current.getField(2)));
                Row updated = Row.ofKind(RowKind.UPDATE_AFTER, id, region, "v" + i);
                changes.add(updated);
                finalState.put(docId, updated);
            }
        }
        StreamExecutionEnvironment env = TestClusters.environment(2);
        StreamTableEnvironment tEnv = StreamTableEnvironment.create(env);
        DataStream<Row> stream =
                env.fromData(changes)
                        .returns(
                                Types.ROW_NAMED(
                                        new String[] {"id", "region", "v"},
                                        Types.LONG,
                                        Types.STRING,
                                        Types.STRING));
        tEnv.createTemporaryView("changes", tEnv.fromChangelogStream(stream));
        tEnv.executeSql(
                "CREATE TABLE es (v STRING, region STRING, id BIGINT, "
                        + "PRIMARY KEY (region, id) NOT ENFORCED)"
                        + with(
                                index,
                                "'document-id.key-delimiter' = '#'",
                                "'sink.bulk-flush.max-actions' = '7'"));
        tEnv.executeSql("INSERT INTO es SELECT v, region, id FROM changes").await();

        Map<String, String> expected = new TreeMap<>();
        finalState.forEach((docId, row) -> expected.put(docId, (String) row.getField(2)));
        Map<String, String> actual = new TreeMap<>();
        server.documents(index)
                .forEach((docId, source) -> actual.put(docId, source.path("v").asText()));
        assertThat(actual).isEqualTo(expected);
    }

    /** Without a primary key every row is a document of its own, with a generated id. */
    @Test
    void withoutAKeyEveryRowIsANewDocument() throws Exception {
        String index = newIndex();
        TableEnvironment tEnv = batch();
        tEnv.executeSql("CREATE TABLE es (id BIGINT, name STRING)" + with(index));
        tEnv.executeSql(
                        "INSERT INTO es SELECT CAST(n AS BIGINT), 'same' FROM "
                                + "(VALUES (1), (1), (2), (3), (3), (3)) AS t(n)")
                .await();

        Map<String, JsonNode> documents = server.documents(index);
        List<Long> ids = new ArrayList<>();
        documents.values().forEach(source -> ids.add(source.path("id").asLong()));
        assertThat(ids).containsExactlyInAnyOrder(1L, 1L, 2L, 3L, 3L, 3L);
        assertThat(documents.keySet()).allSatisfy(id -> assertThat(id).hasSizeGreaterThan(10));
    }

    /**
     * When a bounded input ends, the sink refreshes what it wrote: on an index that never refreshes
     * by itself, every document can be searched as soon as the job is done.
     */
    @Test
    void boundedInputEndsWithTheIndexRefreshed() throws Exception {
        String index = newIndex();
        server.call(
                "PUT",
                "/" + index,
                "{\"settings\":{\"number_of_shards\":2,\"number_of_replicas\":0,"
                        + "\"refresh_interval\":\"-1\"}}");
        TableEnvironment tEnv = batch();
        tEnv.executeSql("CREATE TABLE es (id BIGINT, PRIMARY KEY (id) NOT ENFORCED)" + with(index));
        tEnv.executeSql(
                        "INSERT INTO es SELECT CAST(n AS BIGINT) FROM (VALUES (1), (2), (3)) AS t(n)")
                .await();

        // _count without a refresh of its own
        assertThat(server.call("GET", "/" + index + "/_count", null).path("count").asLong())
                .isEqualTo(3);
    }

    /** {@code index = 'logs-{ts|yyyy.MM.dd}'}: each row goes to the index of its day. */
    @Test
    void indexNamesComeFromEachRowsDate() throws Exception {
        String prefix = newIndex() + "-";
        TableEnvironment tEnv = batch();
        tEnv.executeSql(
                "CREATE TABLE es (id BIGINT, ts TIMESTAMP(3), PRIMARY KEY (id) NOT ENFORCED)"
                        + with(prefix + "{ts|yyyy.MM.dd}"));
        tEnv.executeSql(
                        "INSERT INTO es VALUES (1, TIMESTAMP '2024-01-01 10:00:00'), "
                                + "(2, TIMESTAMP '2024-01-02 00:00:00'), "
                                + "(3, TIMESTAMP '2024-01-01 23:59:59')")
                .await();

        assertThat(server.documents(prefix + "2024.01.01").keySet()).containsExactly("1", "3");
        assertThat(server.documents(prefix + "2024.01.02").keySet()).containsExactly("2");
    }

    // ------------------------------------------------------------------ refused rows

    /**
     * A row the mapping refuses (text in a long field) goes to dirty storage with the cluster's
     * error and counts against the error limit; the other rows of its bulk request are written.
     * Past the limit the job fails.
     */
    @Test
    void mappingErrorsGoToDirtyStorageAndCount() throws Exception {
        String index = newIndex();
        server.createIndex(index, 1, "{\"id\":{\"type\":\"long\"},\"qty\":{\"type\":\"long\"}}");
        Path dirty = tempDir.resolve("dirty");
        TableEnvironment tEnv = batch();
        tEnv.executeSql(
                "CREATE TABLE es (id BIGINT, qty STRING, PRIMARY KEY (id) NOT ENFORCED)"
                        + with(
                                index,
                                "'errors.max-count' = '2'",
                                "'dirty.sink' = 'file'",
                                "'dirty.path' = '" + dirty + "'",
                                "'sink.parallelism' = '1'"));
        tEnv.executeSql("INSERT INTO es VALUES (1, '10'), (2, 'ten'), (3, '30'), (4, 'forty')")
                .await();

        assertThat(server.documents(index).keySet()).containsExactly("1", "3");
        List<String> lines = dirtyLines(dirty);
        assertThat(lines).hasSize(2);
        assertThat(lines).allSatisfy(line -> assertThat(line).contains("mapper_parsing_exception"));
        assertThat(String.join("\n", lines)).contains("ten").contains("forty");

        String second = newIndex();
        server.createIndex(second, 1, "{\"qty\":{\"type\":\"long\"}}");
        tEnv.executeSql(
                "CREATE TABLE es2 (id BIGINT, qty STRING, PRIMARY KEY (id) NOT ENFORCED)"
                        + with(second, "'errors.max-count' = '1'", "'sink.parallelism' = '1'"));
        assertThatThrownBy(
                        () ->
                                tEnv.executeSql(
                                                "INSERT INTO es2 VALUES (1, 'a'), (2, 'b'), (3, 'c')")
                                        .await())
                .satisfies(
                        e ->
                                assertThat(ExceptionUtils.stringifyException(e))
                                        .contains("'errors.max-count' = 1"));
    }

    /**
     * A node whose write queue holds one request answers 429 to bulk requests that arrive together;
     * the sink sends the refused items again after the backoff, and every row arrives.
     */
    @Test
    void fullWriteQueuesAreWaitedOut() throws Exception {
        try (EsTestServer tiny =
                EsTestServer.start("thread_pool.write.size=1", "thread_pool.write.queue_size=1")) {
            String index = newIndex();
            tiny.createIndex(index, 4, null);
            TableEnvironment tEnv = batch();
            tEnv.getConfig().set("parallelism.default", "4");
            tEnv.executeSql(
                    "CREATE TABLE src (id BIGINT, name STRING) WITH ('connector' = 'datagen', "
                            + "'number-of-rows' = '20000', 'fields.id.kind' = 'sequence', "
                            + "'fields.id.start' = '1', 'fields.id.end' = '20000', "
                            + "'fields.name.length' = '20')");
            tEnv.executeSql(
                    "CREATE TABLE es (id BIGINT, name STRING, PRIMARY KEY (id) NOT ENFORCED) WITH ("
                            + "'connector' = 'flinkx-es', 'hosts' = '"
                            + tiny.url()
                            + "', 'index' = '"
                            + index
                            + "', 'sink.bulk-flush.max-actions' = '50', "
                            + "'sink.retry.backoff' = '20ms', 'sink.max-retries' = '20')");
            tEnv.executeSql("INSERT INTO es SELECT * FROM src").await();

            assertThat(tiny.count(index)).isEqualTo(20_000);
            JsonNode pools = tiny.call("GET", "/_nodes/stats/thread_pool", null);
            long rejected = 0;
            for (JsonNode node : pools.path("nodes")) {
                rejected += node.path("thread_pool").path("write").path("rejected").asLong();
            }
            assertThat(rejected).as("bulk requests the node refused with 429").isPositive();
        }
    }

    /**
     * A node of the 'hosts' list that cannot be reached is skipped: with a dead address first,
     * writing and reading go to the next node.
     */
    @Test
    void aDeadHostIsSkipped() throws Exception {
        int dead;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            dead = socket.getLocalPort();
        }
        String index = newIndex();
        TableEnvironment tEnv = batch();
        tEnv.executeSql(
                "CREATE TABLE es (id BIGINT, name STRING, PRIMARY KEY (id) NOT ENFORCED) WITH ("
                        + "'connector' = 'flinkx-es', 'hosts' = 'http://127.0.0.1:"
                        + dead
                        + ";"
                        + server.url()
                        + "', 'index' = '"
                        + index
                        + "', 'connection.timeout' = '2s')");
        tEnv.executeSql("INSERT INTO es VALUES (1, 'a'), (2, 'b')").await();

        assertThat(server.documents(index).keySet()).containsExactly("1", "2");
        List<String> names = new ArrayList<>();
        try (org.apache.flink.util.CloseableIterator<Row> it =
                tEnv.executeSql("SELECT name FROM es").collect()) {
            it.forEachRemaining(row -> names.add((String) row.getField(0)));
        }
        assertThat(names).containsExactlyInAnyOrder("a", "b");
    }

    // ------------------------------------------------------------------ bad settings

    /** An unreachable node fails the job naming host and port. */
    @Test
    void unreachableNodeFailsNamingHostAndPort() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        TableEnvironment tEnv = batch();
        tEnv.executeSql(
                "CREATE TABLE es (id BIGINT, PRIMARY KEY (id) NOT ENFORCED) WITH ("
                        + "'connector' = 'flinkx-es', 'hosts' = 'http://127.0.0.1:"
                        + port
                        + "', 'index' = 'x', 'connection.timeout' = '2s', "
                        + "'sink.max-retries' = '1', 'sink.retry.backoff' = '10ms', "
                        + "'password' = 'never-shown', 'username' = 'u')");
        assertThatThrownBy(() -> tEnv.executeSql("INSERT INTO es VALUES (1)").await())
                .satisfies(
                        e -> {
                            String text = ExceptionUtils.stringifyException(e);
                            assertThat(text).contains("127.0.0.1:" + port);
                            assertThat(text).doesNotContain("never-shown");
                        });
    }

    /** Settings that cannot work fail at planning, naming the key. */
    @Test
    void impossibleSettingsFailAtPlanning() {
        TableEnvironment tEnv = batch();
        String hosts = "'hosts' = '" + server.url() + "'";
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put(
                hosts + ", 'index' = 'x', 'sink.delivery-guarantee' = 'exactly-once'",
                "no transactions");
        cases.put(
                hosts + ", 'index' = 'x', 'sink.delivery-guarantee' = 'twice'",
                "sink.delivery-guarantee");
        cases.put("'hosts' = 'es:9200', 'index' = 'x'", "http://");
        cases.put(hosts + ", 'index' = 'x-{nope|yyyy}'", "nope");
        cases.put(
                hosts + ", 'index' = 'x', 'sink.bulk-flush.max-actions' = '-1'",
                "sink.bulk-flush.max-actions");
        int n = 0;
        for (Map.Entry<String, String> entry : cases.entrySet()) {
            String table = "bad" + n++;
            tEnv.executeSql(
                    "CREATE TABLE "
                            + table
                            + " (id BIGINT, ts TIMESTAMP(3)) WITH ("
                            + "'connector' = 'flinkx-es', "
                            + entry.getKey()
                            + ")");
            assertThatThrownBy(
                            () ->
                                    tEnv.executeSql(
                                            "INSERT INTO "
                                                    + table
                                                    + " VALUES (1, CAST(NULL AS TIMESTAMP(3)))"),
                            entry.getKey())
                    .satisfies(
                            e ->
                                    assertThat(ExceptionUtils.stringifyException(e))
                                            .contains(entry.getValue()));
        }
    }
}
