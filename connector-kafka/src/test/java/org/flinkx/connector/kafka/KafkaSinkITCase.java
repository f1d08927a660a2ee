package org.flinkx.connector.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.flinkx.connector.kafka.testutils.FailOnce;
import org.flinkx.connector.kafka.testutils.KafkaTestBroker;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code flinkx-kafka} as a sink, against a real broker, through Flink SQL. */
class KafkaSinkITCase {

    @Order(1)
    @RegisterExtension
    static final KafkaTestBroker KAFKA = new KafkaTestBroker();

    @Order(2)
    @RegisterExtension
    static final MiniClusterExtension CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(4)
                            .setConfiguration(new Configuration())
                            .build());

    private static final ObjectMapper JSON = new ObjectMapper();

    private static TableEnvironment streaming() {
        TableEnvironment tEnv = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        Configuration config = (Configuration) tEnv.getConfig().getConfiguration();
        config.set(
                org.apache.flink.configuration.CheckpointingOptions.CHECKPOINTING_INTERVAL,
                Duration.ofMillis(200));
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        config.set(
                RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        tEnv.createTemporarySystemFunction("FAIL_ONCE", FailOnce.class);
        return tEnv;
    }

    private static String sink(String topic, String more) {
        return String.format(
                "'connector' = 'flinkx-kafka', 'topic' = '%s', "
                        + "'properties.bootstrap.servers' = '%s'%s",
                topic, KAFKA.bootstrapServers(), more);
    }

    /** A bounded, checkpointed source of ids 1..rows, a few per checkpoint. */
    private static void ids(TableEnvironment tEnv, long rows) {
        tEnv.executeSql(
                "CREATE TABLE ids (id BIGINT) WITH ('connector' = 'datagen',"
                        + " 'fields.id.kind' = 'sequence', 'fields.id.start' = '1',"
                        + " 'fields.id.end' = '"
                        + rows
                        + "', 'rows-per-second' = '2000')");
    }

    private static List<Long> ids(List<ConsumerRecord<byte[], byte[]>> records) throws Exception {
        List<Long> ids = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            ids.add(JSON.readTree(record.value()).get("id").asLong());
        }
        return ids;
    }

    @Test
    void exactlyOnceAcrossAFailureEveryRowIsReadCommittedOnce() throws Exception {
        KAFKA.createTopic("eo", 2);
        TableEnvironment tEnv = streaming();
        ids(tEnv, 1500);
        tEnv.executeSql(
                "CREATE TABLE eo (id BIGINT, label STRING) WITH ("
                        + sink(
                                "eo",
                                ", 'format' = 'json', 'sink.delivery-guarantee' = 'exactly-once',"
                                        + " 'sink.transactional-id-prefix' = 'flinkx-it-eo'")
                        + ")");
        FailOnce.arm();

        tEnv.executeSql(
                        "INSERT INTO eo SELECT FAIL_ONCE(id, CAST(900 AS BIGINT)), CONCAT('row ', CAST(id AS"
                                + " STRING)) FROM ids")
                .await();

        assertThat(FailOnce.fired()).as("the injected failure happened").isTrue();
        List<Long> committed = ids(KAFKA.readAll("eo", "read_committed"));
        assertThat(committed)
                .containsExactlyInAnyOrderElementsOf(
                        LongStream.rangeClosed(1, 1500).boxed().toList());
    }

    @Test
    void anUpsertTableWritesTheKeyAndTombstonesForDeletes() throws Exception {
        KAFKA.createTopic("upserts", 3);
        TableEnvironment tEnv = streaming();
        tEnv.executeSql(
                "CREATE TABLE changes (id INT, name STRING, deleted BOOLEAN) WITH ("
                        + "'connector' = 'datagen', 'number-of-rows' = '1')");
        tEnv.executeSql(
                "CREATE TABLE upserts (name STRING, id INT, PRIMARY KEY (id) NOT ENFORCED) WITH ("
                        + sink("upserts", ", 'key.format' = 'json', 'value.format' = 'json'")
                        + ")");

        // a changelog: the last name per id, and ids whose last event deletes them
        tEnv.executeSql(
                        "INSERT INTO upserts SELECT name, id FROM ("
                                + " SELECT id, LAST_VALUE(name) AS name, LAST_VALUE(deleted) AS d"
                                + " FROM (VALUES (1, 'a', FALSE), (2, 'b', FALSE), (1, 'c', FALSE),"
                                + " (3, 'd', FALSE), (2, 'e', FALSE)) AS t(id, name, deleted)"
                                + " GROUP BY id)")
                .await();

        Map<Integer, String> last = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : KAFKA.readAll("upserts", "read_committed")) {
            int id = JSON.readTree(record.key()).get("id").asInt();
            JsonNode value = record.value() == null ? null : JSON.readTree(record.value());
            if (value == null) {
                last.remove(id);
            } else {
                assertThat(value.get("id").asInt()).isEqualTo(id);
                last.put(id, value.get("name").asText());
            }
        }
        assertThat(last).isEqualTo(Map.of(1, "c", 2, "e", 3, "d"));
    }

    @Test
    void aRowItsFormatCannotWriteGoesToDirtyStorage(@TempDir Path dirty) throws Exception {
        KAFKA.createTopic("maps", 1);
        TableEnvironment tEnv = streaming();
        ids(tEnv, 30);
        tEnv.executeSql(
                "CREATE TABLE maps (id BIGINT, tags MAP<STRING, BIGINT>) WITH ("
                        + sink(
                                "maps",
                                ", 'format' = 'json', 'errors.max-count' = '5',"
                                        + " 'dirty.sink' = 'file', 'dirty.path' = '"
                                        + dirty
                                        + "'")
                        + ")");

        // JSON has no null keys: rows 10, 20 and 30 cannot be written
        tEnv.executeSql(
                        "INSERT INTO maps SELECT id, CASE WHEN MOD(id, 10) = 0"
                                + " THEN MAP[CAST(NULL AS STRING), id] ELSE MAP['n', id] END"
                                + " FROM ids")
                .await();

        List<Long> written = ids(KAFKA.readAll("maps", "read_committed"));
        assertThat(written)
                .containsExactlyInAnyOrderElementsOf(
                        LongStream.rangeClosed(1, 30).filter(i -> i % 10 != 0).boxed().toList());
        List<JsonNode> records = new ArrayList<>();
        try (Stream<Path> files = Files.list(dirty)) {
            for (Path file : files.toList()) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    records.add(JSON.readTree(line));
                }
            }
        }
        assertThat(records).hasSize(3);
        for (JsonNode record : records) {
            assertThat(record.get("errorKind").asText()).isEqualTo("serialization");
            assertThat(record.get("location").asText()).isEqualTo("maps");
            assertThat(record.get("error").asText()).containsIgnoringCase("null key");
            assertThat(record.get("record").asText()).matches("\\+I\\[\\d+0, \\{null=\\d+0\\}\\]");
        }
    }

    @Test
    void theErrorLimitCountsTheBadRowsOfAllSubtasks() throws Exception {
        KAFKA.createTopic("limited", 2);
        // ids 1..25 in one partition, 26..50 in the other, read by two source subtasks (a FLIP-27
        // source: a writer is not chained behind a legacy source such as datagen's, and then
        // each subtask checks the limit alone, as the warning in the log says)
        KAFKA.createTopic("limited_in", 2);
        List<org.apache.kafka.clients.producer.ProducerRecord<byte[], byte[]>> in =
                new ArrayList<>();
        for (int id = 1; id <= 50; id++) {
            in.add(
                    new org.apache.kafka.clients.producer.ProducerRecord<>(
                            "limited_in",
                            id <= 25 ? 0 : 1,
                            null,
                            ("{\"id\":" + id + "}").getBytes(StandardCharsets.UTF_8)));
        }
        KAFKA.send(in);
        TableEnvironment tEnv = streaming();
        tEnv.getConfig().set("parallelism.default", "2");
        tEnv.executeSql(
                "CREATE TABLE ids (id BIGINT) WITH ("
                        + sink("limited_in", ", 'format' = 'json',")
                        + " 'scan.startup.mode' = 'earliest-offset',"
                        + " 'scan.bounded.mode' = 'latest-offset')");
        tEnv.executeSql(
                "CREATE TABLE limited (id BIGINT, tags MAP<STRING, BIGINT>) WITH ("
                        + sink("limited", ", 'format' = 'json', 'errors.max-count' = '4'")
                        + ")");

        // five bad rows, 2 + 3 over two subtasks: neither passes the limit alone
        assertThatThrownBy(
                        () ->
                                tEnv.executeSql(
                                                "INSERT INTO limited SELECT id, CASE WHEN"
                                                        + " MOD(id, 10) = 0 THEN"
                                                        + " MAP[CAST(NULL AS STRING), id] ELSE"
                                                        + " MAP['n', id] END FROM ids")
                                        .await())
                .satisfies(
                        e ->
                                assertThat(KafkaSourceITCase.rootMessage(e))
                                        .contains("flinkx-kafka")
                                        .contains("errors.max-count")
                                        .contains("over all 2 sink subtasks"));
    }

    @Test
    void anUnreachableBrokerFailsTheWriterNamingItsAddress() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        TableEnvironment tEnv = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        ids(tEnv, 10);
        tEnv.executeSql(
                "CREATE TABLE nowhere (id BIGINT) WITH ("
                        + sink("nowhere", ", 'format' = 'json'")
                                .replace(KAFKA.bootstrapServers(), "127.0.0.1:" + port)
                        + ")");
        assertThatThrownBy(() -> tEnv.executeSql("INSERT INTO nowhere SELECT id FROM ids").await())
                .satisfies(
                        e ->
                                assertThat(KafkaSourceITCase.rootMessage(e))
                                        .startsWith("Kafka is unreachable")
                                        .contains("127.0.0.1:" + port));
    }

    @Test
    void partitionersFixedAndRoundRobin() throws Exception {
        KAFKA.createTopic("fixed", 3);
        KAFKA.createTopic("spread", 3);
        TableEnvironment tEnv = streaming();
        ids(tEnv, 90);
        tEnv.executeSql(
                "CREATE TABLE fixed (id BIGINT) WITH ("
                        + sink(
                                "fixed",
                                ", 'format' = 'json', 'sink.partitioner' = 'fixed',"
                                        + " 'sink.parallelism' = '1'")
                        + ")");
        tEnv.executeSql(
                "CREATE TABLE spread (id BIGINT) WITH ("
                        + sink(
                                "spread",
                                ", 'format' = 'json', 'sink.partitioner' = 'round-robin',"
                                        + " 'sink.parallelism' = '1'")
                        + ")");
        tEnv.createStatementSet()
                .addInsertSql("INSERT INTO fixed SELECT id FROM ids")
                .addInsertSql("INSERT INTO spread SELECT id FROM ids")
                .execute()
                .await();

        Map<Integer, Long> fixed =
                KAFKA.readAll("fixed", "read_committed").stream()
                        .collect(
                                Collectors.groupingBy(
                                        ConsumerRecord::partition, Collectors.counting()));
        Map<Integer, Long> spread =
                KAFKA.readAll("spread", "read_committed").stream()
                        .collect(
                                Collectors.groupingBy(
                                        ConsumerRecord::partition, Collectors.counting()));
        assertThat(fixed).as("one subtask: one partition").isEqualTo(Map.of(0, 90L));
        assertThat(spread).isEqualTo(Map.of(0, 30L, 1, 30L, 2, 30L));
    }
}
