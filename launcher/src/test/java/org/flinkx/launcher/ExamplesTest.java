package org.flinkx.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.flinkx.launcher.json.JsonJobTranslator;
import org.junit.jupiter.api.Test;

/**
 * The jobs under {@code examples/} (shipped in the distribution) are valid: every SQL example and
 * every translated JSON example plans in Flink with the FlinkX connectors (the servers they name
 * need not exist to plan), and the stream example runs.
 */
class ExamplesTest {

    private static final Path EXAMPLES = Path.of("..", "examples");
    private static final Map<String, String> VARIABLES =
            Map.ofEntries(
                    Map.entry("PG_HOST", "pg.example"),
                    Map.entry("PG_USER", "u"),
                    Map.entry("PG_PASSWORD", "p"),
                    Map.entry("MYSQL_HOST", "mysql.example"),
                    Map.entry("MYSQL_USER", "u"),
                    Map.entry("MYSQL_PASSWORD", "p"),
                    Map.entry("MARIA_HOST", "maria.example"),
                    Map.entry("MARIA_USER", "u"),
                    Map.entry("MARIA_PASSWORD", "p"),
                    Map.entry("CDC_USER", "u"),
                    Map.entry("CDC_PASSWORD", "p"),
                    Map.entry("NAMENODE", "nn.example"),
                    Map.entry("STARROCKS_FE", "fe.example"),
                    Map.entry("STARROCKS_USER", "u"),
                    Map.entry("STARROCKS_PASSWORD", "p"),
                    Map.entry("ES_HOST", "es.example"),
                    Map.entry("ES_USER", "u"),
                    Map.entry("ES_PASSWORD", "p"),
                    Map.entry("DAY", "2026-12-01"),
                    Map.entry("quickstart.dir", "file:///tmp/flinkx-quickstart"));

    @Test
    void everySyncExampleIsAValidDefinition() throws Exception {
        List<Path> files = files("sync", ".yaml");
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            org.flinkx.sync.definition.SyncDefinition definition =
                    org.flinkx.sync.definition.SyncDefinitions.parse(
                            Flinkx.substitute(Files.readString(file), VARIABLES::get));
            assertThat(definition.routes()).as(file.toString()).isNotEmpty();
        }
    }

    @Test
    void everySqlExamplePlans() throws Exception {
        List<Path> files = files("sql", ".sql");
        assertThat(files).hasSizeGreaterThanOrEqualTo(5);
        for (Path file : files) {
            plan(file, Flinkx.substitute(Files.readString(file), VARIABLES::get));
        }
    }

    @Test
    void everyJsonExampleTranslatesAndPlans() throws Exception {
        List<Path> files = files("json", ".json");
        assertThat(files).hasSizeGreaterThanOrEqualTo(5);
        for (Path file : files) {
            String json = Flinkx.substitute(Files.readString(file), VARIABLES::get);
            if (file.getFileName().toString().startsWith("binlog")) {
                // the captured table's columns come from the server, which is not here
                assertThatThrownBy(() -> JsonJobTranslator.translate(json, new ArrayList<>()))
                        .as(file.toString())
                        .hasMessageContaining("cannot read the columns of table shop.orders");
                continue;
            }
            List<String> warnings = new ArrayList<>();
            plan(file, JsonJobTranslator.translate(json, warnings));
            assertThat(warnings).as(file + " uses only keys FlinkX honours").isEmpty();
        }
    }

    @Test
    void theStreamExampleRuns() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        int code;
        System.setOut(
                new PrintStream(
                        printed,
                        true,
                        StandardCharsets.UTF_8)); // where 'print' writes in local mode
        try {
            code =
                    Flinkx.run(
                            new String[] {
                                "-job",
                                EXAMPLES.resolve("json/stream_to_stream.json").toString(),
                                "--no-progress"
                            },
                            new PrintStream(out, true, StandardCharsets.UTF_8),
                            System.err,
                            Map.of());
        } finally {
            System.setOut(stdout);
        }

        assertThat(code).as(out.toString(StandardCharsets.UTF_8)).isEqualTo(0);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("FINISHED");
        List<String> rows =
                printed.toString(StandardCharsets.UTF_8)
                        .lines()
                        .filter(line -> line.contains("+I["))
                        .toList();
        assertThat(rows)
                .hasSize(20) // 10 per channel, 2 channels
                .allSatisfy(row -> assertThat(row).endsWith(", demo]"));
        assertThat(rows.stream().map(row -> row.replaceAll(".*\\+I\\[(\\d+),.*", "$1")).distinct())
                .hasSize(20);
    }

    /** Runs the script's SETs and CREATEs and explains its INSERTs. */
    private static void plan(Path file, String script) throws ScriptException {
        TableEnvironment env = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        for (SqlStatement statement : Flinkx.statements(script)) {
            String sql = statement.sql();
            try {
                switch (statement.keyword()) {
                    case "SET" -> {}
                    case "INSERT", "EXECUTE" -> env.explainSql(sql);
                    case "SELECT" -> env.explainSql(sql);
                    default -> env.executeSql(sql);
                }
            } catch (RuntimeException e) {
                throw new AssertionError(
                        file + " line " + statement.line() + ": " + e.getMessage(), e);
            }
        }
    }

    private static List<Path> files(String dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES.resolve(dir))) {
            return files.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }
}
