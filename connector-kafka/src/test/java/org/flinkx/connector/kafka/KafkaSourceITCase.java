package org.flinkx.connector.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.CloseableIterator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.flinkx.connector.kafka.testutils.KafkaTestBroker;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code flinkx-kafka} as a source, against a real broker, through Flink SQL. */
class KafkaSourceITCase {

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
    private static final int ORDERS = 60;

    @BeforeAll
    static void topics() throws Exception {
        KAFKA.createTopic("orders", 3);
        List<ProducerRecord<byte[], byte[]>> orders = new ArrayList<>();
        for (int i = 1; i <= ORDERS; i++) {
            ProducerRecord<byte[], byte[]> record =
                    new ProducerRecord<>(
                            "orders",
                            i % 3,
                            bytes("{\"id\":" + i + "}"),
                            bytes("{\"name\":\"n" + i + "\",\"amount\":" + (i * 1.5) + "}"));
            record.headers().add(new RecordHeader("origin", bytes("shop-" + (i % 2))));
            orders.add(record);
        }
        KAFKA.send(orders);

        KAFKA.createTopic("mixed", 1);
        List<ProducerRecord<byte[], byte[]>> mixed = new ArrayList<>();
        for (int i = 1; i <= 23; i++) {
            String value = i % 8 == 0 ? "not json " + i : "{\"id\":" + i + "}";
            mixed.add(new ProducerRecord<>("mixed", 0, bytes("k" + i), bytes(value)));
        }
        KAFKA.send(mixed);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static TableEnvironment batch() {
        return TableEnvironment.create(EnvironmentSettings.inBatchMode());
    }

    private static String bounded(String topic) {
        return String.format(
                "'connector' = 'flinkx-kafka', 'topic' = '%s', "
                        + "'properties.bootstrap.servers' = '%s', "
                        + "'scan.startup.mode' = 'earliest-offset', "
                        + "'scan.bounded.mode' = 'latest-offset'",
                topic, KAFKA.bootstrapServers());
    }

    private static List<Row> collect(TableEnvironment tEnv, String query) throws Exception {
        List<Row> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = tEnv.executeSql(query).collect()) {
            it.forEachRemaining(rows::add);
        }
        return rows;
    }

    @Test
    void keyValueAndMetadataColumnsDeclaredInAnotherOrderThanUsed() throws Exception {
        TableEnvironment tEnv = batch();
        tEnv.executeSql(
                "CREATE TABLE orders ("
                        + " `offset` BIGINT METADATA VIRTUAL,"
                        + " amount DOUBLE,"
                        + " k_id BIGINT,"
                        + " part INT METADATA FROM 'partition' VIRTUAL,"
                        + " name STRING,"
                        + " hdrs MAP<STRING, BYTES> METADATA FROM 'headers' VIRTUAL,"
                        + " topic STRING METADATA VIRTUAL,"
                        + " raw_key BYTES METADATA FROM 'key' VIRTUAL"
                        + ") WITH ("
                        + bounded("orders")
                        + ", 'key.format' = 'json', 'key.fields' = 'k_id',"
                        + " 'key.fields-prefix' = 'k_', 'value.fields-include' = 'EXCEPT_KEY',"
                        + " 'value.format' = 'json')");

        List<Row> rows =
                collect(
                        tEnv,
                        "SELECT name, k_id, topic, part, `offset`, hdrs['origin'], raw_key"
                                + " FROM orders WHERE amount > 30 AND part <> 2");

        List<Row> expected = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : KAFKA.readAll("orders", "read_uncommitted")) {
            JsonNode key = JSON.readTree(record.key());
            JsonNode value = JSON.readTree(record.value());
            if (value.get("amount").asDouble() > 30 && record.partition() != 2) {
                expected.add(
                        Row.of(
                                value.get("name").asText(),
                                key.get("id").asLong(),
                                "orders",
                                record.partition(),
                                record.offset(),
                                record.headers().lastHeader("origin").value(),
                                record.key()));
            }
        }
        assertThat(expected).hasSize(27); // ids 21..60 outside partition 2
        assertThat(rows).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void badMessagesGoToDirtyStorageWithTopicPartitionAndOffset(@TempDir Path dirty)
            throws Exception {
        TableEnvironment tEnv = batch();
        tEnv.executeSql(
                "CREATE TABLE mixed (id BIGINT) WITH ("
                        + bounded("mixed")
                        + ", 'format' = 'json', 'errors.max-count' = '2',"
                        + " 'dirty.sink' = 'file', 'dirty.path' = '"
                        + dirty
                        + "')");

        List<Row> rows = collect(tEnv, "SELECT id FROM mixed");

        List<Row> expected = new ArrayList<>();
        for (int i = 1; i <= 23; i++) {
            if (i % 8 != 0) {
                expected.add(Row.of((long) i));
            }
        }
        assertThat(rows).containsExactlyInAnyOrderElementsOf(expected);

        List<JsonNode> records = new ArrayList<>();
        try (Stream<Path> files = Files.list(dirty)) {
            for (Path file : files.toList()) {
                for (String line : Files.readAllLines(file)) {
                    records.add(JSON.readTree(line));
                }
            }
        }
        assertThat(records).hasSize(2);
        Map<Long, JsonNode> byOffset = new HashMap<>();
        for (JsonNode record : records) {
            assertThat(record.get("connector").asText()).isEqualTo("flinkx-kafka");
            assertThat(record.get("errorKind").asText()).isEqualTo("deserialization");
            JsonNode message = JSON.readTree(record.get("record").asText());
            assertThat(message.get("topic").asText()).isEqualTo("mixed");
            assertThat(message.get("partition").asInt()).isZero();
            assertThat(record.get("location").asText())
                    .isEqualTo("mixed-0@" + message.get("offset").asLong());
            byOffset.put(message.get("offset").asLong(), message);
        }
        // the 8th and 16th messages (offsets 7 and 15), with their key and value as sent
        assertThat(byOffset).containsOnlyKeys(7L, 15L);
        assertThat(byOffset.get(7L).get("key").asText()).isEqualTo("k8");
        assertThat(byOffset.get(15L).get("value").asText()).isEqualTo("not json 16");
    }

    @Test
    void theJobFailsOnceBadMessagesPassTheErrorLimit() {
        TableEnvironment tEnv = batch();
        tEnv.executeSql(
                "CREATE TABLE mixed (id BIGINT) WITH ("
                        + bounded("mixed")
                        + ", 'format' = 'json', 'errors.max-count' = '1')");

        assertThatThrownBy(() -> collect(tEnv, "SELECT id FROM mixed"))
                .satisfies(
                        e ->
                                assertThat(rootMessage(e))
                                        .contains("flinkx-kafka")
                                        .contains("errors.max-count"));
    }

    @Test
    void anUpsertTableReadsTombstonesAsDeletes() throws Exception {
        KAFKA.createTopic("customers", 2);
        List<ProducerRecord<byte[], byte[]>> changes = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            changes.add(upsert(i, "first " + i));
        }
        for (int i = 1; i <= 10; i += 2) {
            changes.add(upsert(i, "second " + i));
        }
        for (int i = 1; i <= 10; i += 3) {
            changes.add(new ProducerRecord<>("customers", key(i), null)); // 1, 4, 7, 10
        }
        KAFKA.send(changes);

        TableEnvironment tEnv = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        tEnv.executeSql(
                "CREATE TABLE customers (name STRING, id INT, PRIMARY KEY (id) NOT ENFORCED)"
                        + " WITH ("
                        + bounded("customers")
                        + ", 'key.format' = 'json', 'value.format' = 'json')");

        Map<Integer, String> table = new HashMap<>();
        TableResult result = tEnv.executeSql("SELECT id, name FROM customers");
        try (CloseableIterator<Row> it = result.collect()) {
            while (it.hasNext()) {
                Row row = it.next();
                if (row.getKind() == RowKind.DELETE || row.getKind() == RowKind.UPDATE_BEFORE) {
                    table.remove((Integer) row.getField(0));
                } else {
                    table.put((Integer) row.getField(0), (String) row.getField(1));
                }
            }
        }
        assertThat(table)
                .isEqualTo(
                        Map.of(
                                2, "first 2",
                                3, "second 3",
                                5, "second 5",
                                6, "first 6",
                                8, "first 8",
                                9, "second 9"));
    }

    private static ProducerRecord<byte[], byte[]> upsert(int id, String name) {
        return new ProducerRecord<>(
                "customers", key(id), bytes("{\"id\":" + id + ",\"name\":\"" + name + "\"}"));
    }

    private static byte[] key(int id) {
        return bytes("{\"id\":" + id + "}");
    }

    @Test
    void wrongOptionsFailAtPlanningNamingTheKey() {
        TableEnvironment tEnv = batch();
        tEnv.executeSql(
                "CREATE TABLE lenient (id BIGINT) WITH ("
                        + bounded("mixed")
                        + ", 'format' = 'json', 'json.ignore-parse-errors' = 'true')");
        assertThatThrownBy(() -> tEnv.executeSql("SELECT * FROM lenient").await())
                .satisfies(
                        e ->
                                assertThat(rootMessage(e))
                                        .contains("'json.ignore-parse-errors' = 'true'")
                                        .contains("dirty storage"));

        tEnv.executeSql(
                "CREATE TABLE wrong_mode (id BIGINT) WITH ("
                        + bounded("mixed").replace("earliest-offset", "earliest")
                        + ", 'format' = 'json')");
        assertThatThrownBy(() -> tEnv.executeSql("SELECT * FROM wrong_mode").await())
                .satisfies(
                        e ->
                                assertThat(rootMessage(e))
                                        .contains("scan.startup.mode")
                                        .contains("earliest-offset"));

        tEnv.executeSql(
                "CREATE TABLE two_topics (id BIGINT) WITH ("
                        + bounded("mixed")
                        + ", 'topic-pattern' = 'mix.*', 'format' = 'json')");
        assertThatThrownBy(() -> tEnv.executeSql("SELECT * FROM two_topics").await())
                .satisfies(
                        e ->
                                assertThat(rootMessage(e))
                                        .contains("'topic'")
                                        .contains("'topic-pattern'"));
    }

    @Test
    void anUnreachableBrokerFailsTheJobNamingItsAddress() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        TableEnvironment tEnv = batch();
        tEnv.executeSql(
                "CREATE TABLE nowhere (id BIGINT) WITH ("
                        + bounded("mixed").replace(KAFKA.bootstrapServers(), "127.0.0.1:" + port)
                        + ", 'format' = 'json')");
        assertThatThrownBy(() -> collect(tEnv, "SELECT id FROM nowhere"))
                .satisfies(
                        e ->
                                assertThat(rootMessage(e))
                                        .startsWith("Kafka is unreachable")
                                        .contains("127.0.0.1:" + port));

        tEnv.executeSql(
                "CREATE TABLE bad_servers (id BIGINT) WITH ("
                        + bounded("mixed").replace(KAFKA.bootstrapServers(), "no-port")
                        + ", 'format' = 'json')");
        assertThatThrownBy(() -> collect(tEnv, "SELECT id FROM bad_servers"))
                .satisfies(
                        e ->
                                assertThat(rootMessage(e))
                                        .contains("'properties.bootstrap.servers'")
                                        .contains("host:port"));
    }

    static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
