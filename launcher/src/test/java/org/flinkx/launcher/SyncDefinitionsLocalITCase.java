package org.flinkx.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.flinkx.connector.jdbc.testutils.PostgresServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/flinkx -job sync.yaml} as a user runs it, on an embedded MiniCluster: a bounded
 * whole-database sync from PostgreSQL databases of sharded tables into PostgreSQL. The target
 * tables are created from the sources' schemas, the shards merged with their origin column, and
 * every row arrives; {@code --explain} shows the DDL and the SQL with the passwords masked and
 * creates nothing; {@code ddl.mode: print} prints the statements and runs no job.
 */
class SyncDefinitionsLocalITCase {

    private static PostgresServer pg;

    @BeforeAll
    static void createShards() throws Exception {
        pg = PostgresServer.get();
        for (int shard = 1; shard <= 2; shard++) {
            String db = "sync_edu_" + shard;
            pg.createDatabase(db);
            try (Connection c = pg.connect(db);
                    Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS course");
                s.execute(
                        "CREATE TABLE course (id INT PRIMARY KEY, title VARCHAR(80) NOT NULL, "
                                + "credits NUMERIC(4, 1))");
                s.execute(
                        "INSERT INTO course SELECT i, 'course ' || i || ' of shard "
                                + shard
                                + "', i / 2.0 FROM generate_series(1, 300) i");
            }
        }
    }

    @Test
    void aSyncDefinitionCreatesTheTargetsAndCopiesEveryShard(@TempDir Path dir) throws Exception {
        Path job = write(dir, "sync.yaml", definition("create"));

        LauncherResult explained = run("-job", job.toString(), "--explain");
        assertThat(explained.code).as(explained.text()).isEqualTo(0);
        assertThat(explained.out)
                .contains("-- CREATE TABLE \"public\".\"course\" (")
                .contains("UNION ALL")
                .contains("'sync_edu_2' AS `source_db`")
                .doesNotContain(PostgresServer.PASSWORD);
        assertThat(
                        pg.query(
                                "postgres",
                                "SELECT datname FROM pg_database WHERE datname = 'sync_lake'"))
                .isEmpty();

        LauncherResult result = run("-job", job.toString(), "-mode", "local", "--no-progress");
        assertThat(result.code).as(result.text()).isEqualTo(0);
        assertThat(pg.query("sync_lake", "SELECT count(*), count(DISTINCT source_db) FROM course"))
                .containsExactly(List.of("600", "2"));
        assertThat(
                        pg.query(
                                "sync_lake",
                                "SELECT source_db, id, title, credits FROM course "
                                        + "WHERE id = 7 ORDER BY source_db"))
                .containsExactly(
                        List.of("sync_edu_1", "7", "course 7 of shard 1", "3.5"),
                        List.of("sync_edu_2", "7", "course 7 of shard 2", "3.5"));
    }

    @Test
    void printModePrintsTheStatementsAndRunsNoJob(@TempDir Path dir) throws Exception {
        Path job = write(dir, "sync.yaml", definition("print"));
        LauncherResult result = run("-job", job.toString(), "-mode", "local");
        assertThat(result.code).as(result.text()).isEqualTo(0);
        assertThat(result.out)
                .contains("CREATE TABLE \"public\".\"course\" (")
                .contains("PRIMARY KEY (\"source_db\", \"id\")")
                .doesNotContain("submitted");
    }

    @Test
    void aWrongDefinitionFailsBeforeAnythingRunsNamingTheKey(@TempDir Path dir) throws Exception {
        Path job = write(dir, "sync.yaml", definition("create").replace("target:", "targett:"));
        LauncherResult result = run("-job", job.toString());
        assertThat(result.code).isEqualTo(2);
        assertThat(result.err.lines().findFirst().orElseThrow())
                .startsWith("ERROR: ")
                .contains("'targett'")
                .contains("routes[0]");
    }

    private static String definition(String mode) {
        String url = pg.jdbcUrl("postgres");
        return """
                source:
                  type: flinkx-postgresql
                  url: '%s'
                  username: %s
                  password: ${PG_PASSWORD}
                  tables: 'sync_edu_[0-9]+\\.course'
                sink:
                  type: flinkx-postgresql
                  options:
                    url: '%s'
                    username: %s
                    password: ${PG_PASSWORD}
                routes:
                  - tables: 'sync_edu_[0-9]+\\.course'
                    target: sync_lake.course
                    origin-columns: {source_db: database}
                    options: {sink.buffer-flush.max-rows: '100'}
                ddl: {mode: %s}
                """
                .formatted(url, pg.user(), url, pg.user(), mode);
    }

    private static LauncherResult run(String... args) {
        return LauncherResult.run(Map.of("PG_PASSWORD", PostgresServer.PASSWORD), args);
    }

    private static Path write(Path dir, String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
