package org.flinkx.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flinkx.connector.es.testutils.EsTestServer;
import org.flinkx.connector.jdbc.testutils.PostgresServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JSON jobs whose writer or reader is Elasticsearch, run by {@code bin/flinkx -mode local} against
 * a real Elasticsearch 7.10 node and a real PostgreSQL: a table into an index and back with the
 * older FlinkX's eswriter and esreader keys, and an index into a table with ChunJun's
 * elasticsearch7reader keys (a query, the document ids), each target compared with its source row
 * by row.
 */
class EsJsonJobsITCase {

    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS");

    @TempDir static Path dir;

    private static EsTestServer es;
    private static PostgresServer pg;

    @BeforeAll
    static void startServers() throws Exception {
        es = EsTestServer.shared();
        pg = PostgresServer.get();
        pg.createDatabase("esjobs");
    }

    @Test
    void aTableGoesIntoAnIndexByItsIdColumnAndBack() throws Exception {
        try (Connection c = pg.connect("esjobs");
                Statement s = c.createStatement()) {
            s.execute(
                    "CREATE TABLE users (id INT PRIMARY KEY, name VARCHAR(32), score DECIMAL(8, 3),"
                            + " born DATE, active BOOLEAN, seen TIMESTAMP(3))");
            s.execute(
                    "INSERT INTO users SELECT i, CASE WHEN i % 100 = 0 THEN NULL ELSE 'user-' || i END,"
                            + " i / 8.0, DATE '2000-01-01' + i, i % 3 = 0,"
                            + " TIMESTAMP '2026-01-01 00:00:00' + i * INTERVAL '1.25 second'"
                            + " FROM generate_series(1, 1500) i");
        }
        es.createIndex(
                "users",
                2,
                """
                {"id": {"type": "integer"}, "name": {"type": "keyword"}, "score": {"type": "double"},
                 "born": {"type": "date"}, "active": {"type": "boolean"}, "seen": {"type": "date"}}""");
        // A document of an earlier run: the job overwrites it (its id is the row's).
        es.index("users", Map.of("7", Map.of("id", 7, "name", "stale")));
        // The older FlinkX's key set: address, type, bulkAction, timeout, idColumn by position.
        Path job =
                json(
                        "postgresql_es.json",
                        """
                {"job": {"content": [{
                  "reader": {"name": "postgresqlreader", "parameter": {"username": "%s", "password": "%s",
                    "column": ["id", "name", "score", "born", "active", "seen"], "splitPk": "id",
                    "connection": [{"jdbcUrl": ["%s"], "table": ["users"]}]}},
                  "writer": {"name": "eswriter", "parameter": {"address": "127.0.0.1:%d",
                    "index": "users", "type": "_doc", "bulkAction": 200, "timeout": 60,
                    "idColumn": [{"index": 0, "type": "int"}],
                    "column": [{"name": "id", "type": "integer"}, {"name": "name", "type": "keyword"},
                               {"name": "score", "type": "double"}, {"name": "born", "type": "date"},
                               {"name": "active", "type": "boolean"}, {"name": "seen", "type": "date"}]}}}],
                  "setting": {"speed": {"channel": 2}, "errorLimit": {"record": 0}}}}
                """
                                .formatted(
                                        pg.user(), pg.password(), pg.jdbcUrl("esjobs"), es.port()));

        LauncherResult result = run("-job", job.toString(), "-mode", "local", "--no-progress");

        assertThat(result.code).as(result.text()).isEqualTo(0);
        assertThat(result.out)
                .as(result.text())
                .contains("FINISHED")
                .contains("1,500 rows")
                .doesNotContain(pg.password());
        Map<String, JsonNode> documents = es.documents("users");
        List<List<String>> written = new ArrayList<>();
        documents.values().stream()
                .map(
                        source ->
                                List.of(
                                        source.path("id").asText(),
                                        text(source.get("name")),
                                        source.path("score")
                                                .decimalValue()
                                                .stripTrailingZeros()
                                                .toPlainString(),
                                        LocalDateTime.parse(source.path("born").asText())
                                                .toLocalDate()
                                                .toString(),
                                        source.path("active").asText(),
                                        LocalDateTime.parse(source.path("seen").asText())
                                                .format(MILLIS)))
                .sorted(java.util.Comparator.comparingInt(row -> Integer.parseInt(row.get(0))))
                .forEach(written::add);
        assertThat(documents.keySet())
                .hasSize(1500)
                .allSatisfy(id -> assertThat(documents.get(id).path("id").asText()).isEqualTo(id));
        assertThat(written).isEqualTo(users("SELECT * FROM users ORDER BY id"));

        // And back with the older FlinkX's esreader: its type names, types from the table.
        try (Connection c = pg.connect("esjobs");
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE users_back (LIKE users INCLUDING ALL)");
        }
        Path back =
                json(
                        "es_postgresql_users.json",
                        """
                {"job": {"content": [{
                  "reader": {"name": "esreader", "parameter": {"address": "127.0.0.1:%d",
                    "index": "users", "type": "_doc", "batchSize": 300,
                    "column": [{"name": "id", "type": "int"}, {"name": "name", "type": "string"},
                               {"name": "score", "type": "double"}, {"name": "born", "type": "date"},
                               {"name": "active", "type": "boolean"}, {"name": "seen", "type": "date"}]}},
                  "writer": {"name": "postgresqlwriter", "parameter": {"username": "%s", "password": "%s",
                    "column": ["id", "name", "score", "born", "active", "seen"],
                    "connection": [{"jdbcUrl": "%s", "table": ["users_back"]}]}}}],
                  "setting": {"speed": {"channel": 2}, "errorLimit": {"record": 0}}}}
                """
                                .formatted(
                                        es.port(), pg.user(), pg.password(), pg.jdbcUrl("esjobs")));

        LauncherResult read = run("-job", back.toString(), "-mode", "local", "--no-progress");

        assertThat(read.code).as(read.text()).isEqualTo(0);
        assertThat(pg.query("esjobs", "SELECT * FROM users_back ORDER BY id"))
                .hasSize(1500)
                .isEqualTo(pg.query("esjobs", "SELECT * FROM users ORDER BY id"));
    }

    @Test
    void anIndexIsReadIntoATableWithItsQueryAndDocumentIds() throws Exception {
        es.createIndex(
                "events",
                3,
                """
                {"id": {"type": "long"}, "kind": {"type": "keyword"}, "amount": {"type": "double"},
                 "at": {"type": "date"}, "place": {"type": "object"}}""");
        Map<String, Map<String, Object>> events = new LinkedHashMap<>();
        for (int i = 1; i <= 1200; i++) {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("id", i);
            event.put("kind", i % 50 == 0 ? null : "kind-" + (i % 7));
            event.put("amount", i * 0.25);
            event.put("at", LocalDateTime.of(2026, 3, 1, 0, 0).plusSeconds(i * 61L).toString());
            event.put("place", Map.of("city", "c" + (i % 5)));
            events.put("e-" + i, event);
        }
        es.index("events", events);
        try (Connection c = pg.connect("esjobs");
                Statement s = c.createStatement()) {
            s.execute(
                    "CREATE TABLE events_back (id BIGINT PRIMARY KEY, kind VARCHAR(16),"
                            + " amount DOUBLE PRECISION, at TIMESTAMP(3), place VARCHAR(64),"
                            + " doc_id VARCHAR(16), origin VARCHAR(8))");
        }
        // ChunJun's key set: hosts, typed columns, batchSize, a query; _id and a constant.
        Path job =
                json(
                        "es_postgresql.json",
                        """
                {"job": {"content": [{
                  "reader": {"name": "elasticsearch7reader", "parameter": {"hosts": ["127.0.0.1:%d"],
                    "index": "events", "batchSize": 100, "connectTimeout": 10000,
                    "query": {"range": {"id": {"lte": 1000}}},
                    "column": [{"name": "id", "type": "long"}, {"name": "kind", "type": "keyword"},
                               {"name": "amount", "type": "double"}, {"name": "at", "type": "date"},
                               {"name": "place", "type": "object"}, {"name": "_id", "type": "keyword"},
                               {"type": "string", "value": "es"}]}},
                  "writer": {"name": "postgresqlwriter", "parameter": {"username": "%s", "password": "%s",
                    "column": ["id", "kind", "amount", "at", "place", "doc_id", "origin"],
                    "connection": [{"jdbcUrl": "%s", "table": ["events_back"]}]}}}],
                  "setting": {"speed": {"channel": 2}}}}
                """
                                .formatted(
                                        es.port(), pg.user(), pg.password(), pg.jdbcUrl("esjobs")));

        LauncherResult result = run("-job", job.toString(), "-mode", "local", "--no-progress");

        assertThat(result.code).as(result.text()).isEqualTo(0);
        List<List<String>> expected = new ArrayList<>();
        events.forEach(
                (id, event) -> {
                    int n = (Integer) event.get("id");
                    if (n <= 1000) {
                        expected.add(
                                java.util.Arrays.asList(
                                        String.valueOf(n),
                                        (String) event.get("kind"),
                                        BigDecimal.valueOf((Double) event.get("amount"))
                                                .stripTrailingZeros()
                                                .toPlainString(),
                                        LocalDateTime.parse((String) event.get("at"))
                                                .format(MILLIS),
                                        "{\"city\":\"c" + (n % 5) + "\"}",
                                        id,
                                        "es"));
                    }
                });
        List<List<String>> read = new ArrayList<>();
        for (List<String> row :
                pg.query(
                        "esjobs",
                        "SELECT id, kind, amount, to_char(at, 'YYYY-MM-DD\"T\"HH24:MI:SS.MS'), place,"
                                + " doc_id, origin FROM events_back ORDER BY id")) {
            List<String> normalized = new ArrayList<>(row);
            normalized.set(2, new BigDecimal(row.get(2)).stripTrailingZeros().toPlainString());
            read.add(normalized);
        }
        assertThat(read).hasSize(1000).isEqualTo(expected);
    }

    /** The users table as the test compares it with the documents. */
    private static List<List<String>> users(String sql) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = pg.connect("esjobs");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(
                        List.of(
                                String.valueOf(rs.getInt("id")),
                                String.valueOf(rs.getString("name")),
                                rs.getBigDecimal("score").stripTrailingZeros().toPlainString(),
                                rs.getObject("born", java.time.LocalDate.class).toString(),
                                String.valueOf(rs.getBoolean("active")),
                                rs.getObject("seen", LocalDateTime.class).format(MILLIS)));
            }
        }
        return rows;
    }

    private static String text(JsonNode value) {
        return value == null || value.isNull() ? "null" : value.asText();
    }

    private static LauncherResult run(String... args) {
        return LauncherResult.run(Map.of(), args);
    }

    private static Path json(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
