package org.flinkx.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.flinkx.connector.hdfs.testutils.HdfsServer;
import org.flinkx.connector.jdbc.testutils.MariaDbServer;
import org.flinkx.connector.jdbc.testutils.PostgresServer;
import org.flinkx.distribution.cluster.Commands;
import org.flinkx.distribution.cluster.StandaloneCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Original FlinkX JSON jobs, run by the unpacked distribution's {@code bin/flinkx -mode standalone}
 * against a real standalone cluster whose {@code FLINK_HOME/lib} holds FlinkX's jars: every reader
 * and writer FlinkX translates, each target compared with its source row by row.
 */
class FlinkxCommandITCase {

    @TempDir static Path dir;

    private static StandaloneCluster cluster;
    private static PostgresServer pg;
    private static MariaDbServer maria;

    @BeforeAll
    static void startCluster() throws Exception {
        pg = PostgresServer.get();
        maria = MariaDbServer.get();
        pg.createDatabase("jsonjobs");
        maria.createDatabase("jsonjobs");
        cluster = StandaloneCluster.start(dir.resolve("flink"), 2, 2);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void mysqlReaderToPostgresqlWriter() throws Exception {
        try (Connection c = maria.connect("jsonjobs");
                Statement s = c.createStatement()) {
            s.execute(
                    "CREATE TABLE users (id INT PRIMARY KEY, name VARCHAR(32), score DECIMAL(8, 3), born DATE)");
            s.execute(
                    "INSERT INTO users SELECT seq, CONCAT('user-', seq), seq / 8, DATE_ADD('2000-01-01', INTERVAL seq DAY)"
                            + " FROM seq_1_to_2000");
        }
        try (Connection c = pg.connect("jsonjobs");
                Statement s = c.createStatement()) {
            s.execute(
                    "CREATE TABLE users_copy (id INT PRIMARY KEY, name VARCHAR(32), score DECIMAL(8, 3), born DATE)");
            s.execute("INSERT INTO users_copy VALUES (-1, 'left over', 0, '1999-01-01')");
        }
        // The older FlinkX key set: names only (types from the database), writeMode, preSql.
        Path job =
                json(
                        "mysql_postgresql.json",
                        """
                {"job": {"content": [{
                  "reader": {"name": "mysqlreader", "parameter": {"username": "%s", "password": "%s",
                    "column": ["id", "name", "score", "born"], "splitPk": "id",
                    "connection": [{"jdbcUrl": ["jdbc:mysql://127.0.0.1:%d/jsonjobs"], "table": ["users"]}]}},
                  "writer": {"name": "postgresqlwriter", "parameter": {"username": "%s", "password": "%s",
                    "column": ["id", "name", "score", "born"], "writeMode": "insert",
                    "preSql": ["DELETE FROM users_copy"],
                    "connection": [{"jdbcUrl": "%s", "table": ["users_copy"]}]}}}],
                  "setting": {"speed": {"channel": 2}, "errorLimit": {"record": 0},
                    "restore": {"isRestore": true, "restoreColumnName": "id"}}}}
                """
                                .formatted(
                                        maria.user(),
                                        maria.password(),
                                        maria.port(),
                                        pg.user(),
                                        pg.password(),
                                        pg.jdbcUrl("jsonjobs")));

        Commands.Result result =
                Commands.flinkx(
                        cluster.flink(),
                        dir,
                        Duration.ofMinutes(5),
                        "-mode",
                        "standalone",
                        "-job",
                        job.toString(),
                        "--no-progress");

        assertThat(result.exitCode()).as(result.output()).isEqualTo(0);
        assertThat(result.output())
                .containsPattern(
                        "Job [0-9a-f]{32} submitted: http://127.0.0.1:" + cluster.restPort())
                .contains("FINISHED")
                .contains("2,000 rows")
                .doesNotContain(maria.password())
                .doesNotContain(pg.password());
        assertThat(pg.query("jsonjobs", "SELECT id, name, score, born FROM users_copy ORDER BY id"))
                .hasSize(2000)
                .isEqualTo(
                        maria.query(
                                "jsonjobs", "SELECT id, name, score, born FROM users ORDER BY id"));
    }

    /**
     * A whole-database sync definition run by bin/flinkx on the standalone cluster: MariaDB shards
     * merged into a PostgreSQL table the run creates, with their origin column.
     */
    @Test
    void aSyncDefinitionMergesMariadbShardsIntoACreatedPostgresqlTable() throws Exception {
        for (int shard = 1; shard <= 2; shard++) {
            String db = "dist_shard_" + shard;
            maria.createDatabase(db);
            try (Connection c = maria.connect(db);
                    Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS items");
                s.execute(
                        "CREATE TABLE items (id INT PRIMARY KEY, label VARCHAR(40) NOT NULL, "
                                + "price DECIMAL(8, 2))");
                s.execute(
                        "INSERT INTO items SELECT seq, CONCAT('item-', seq, '@"
                                + shard
                                + "'), seq / 4 FROM seq_1_to_500");
            }
        }
        Path job =
                Files.writeString(
                        dir.resolve("sync.yaml"),
                        """
                source:
                  type: flinkx-mariadb
                  url: 'jdbc:mariadb://127.0.0.1:%d/dist_shard_1'
                  username: %s
                  password: %s
                  tables: 'dist_shard_[0-9]+\\.items'
                sink:
                  type: flinkx-postgresql
                  options: {url: '%s', username: %s, password: %s}
                routes:
                  - tables: 'dist_shard_[0-9]+\\.items'
                    target: dist_lake.items
                    origin-columns: {shard: database}
                """
                                .formatted(
                                        maria.port(),
                                        maria.user(),
                                        maria.password(),
                                        pg.jdbcUrl("postgres"),
                                        pg.user(),
                                        pg.password()));

        Commands.Result result =
                Commands.flinkx(
                        cluster.flink(),
                        dir,
                        Duration.ofMinutes(5),
                        "-mode",
                        "standalone",
                        "-job",
                        job.toString(),
                        "--no-progress");

        assertThat(result.exitCode()).as(result.output()).isEqualTo(0);
        assertThat(result.output())
                .containsPattern(
                        "Job [0-9a-f]{32} submitted: http://127.0.0.1:" + cluster.restPort())
                .doesNotContain(maria.password())
                .doesNotContain(pg.password());
        assertThat(
                        pg.query(
                                "dist_lake",
                                "SELECT shard, count(*) FROM items GROUP BY shard ORDER BY shard"))
                .containsExactly(List.of("dist_shard_1", "500"), List.of("dist_shard_2", "500"));
        assertThat(
                        pg.query(
                                "dist_lake",
                                "SELECT label, price FROM items WHERE shard = 'dist_shard_2' AND id = 10"))
                .containsExactly(List.of("item-10@2", "2.50"));
    }

    @Test
    void postgresqlToHdfsAndBackIntoMariadb() throws Exception {
        try (Connection c = pg.connect("jsonjobs");
                Statement s = c.createStatement()) {
            s.execute(
                    "CREATE TABLE events (id BIGINT PRIMARY KEY, kind VARCHAR(16), at TIMESTAMP(3))");
            s.execute(
                    "INSERT INTO events SELECT i, 'kind-' || (i % 7), TIMESTAMP '2026-01-01 00:00:00' + i * INTERVAL '1 minute'"
                            + " FROM generate_series(1, 1500) i");
        }
        try (Connection c = maria.connect("jsonjobs");
                Statement s = c.createStatement()) {
            s.execute(
                    "CREATE TABLE events_back (id BIGINT PRIMARY KEY, kind VARCHAR(16), at DATETIME(3), origin VARCHAR(8))");
        }
        String path = HdfsServer.uri() + "/jsonjobs/events";
        // ChunJun's key set: typed columns, hdfswriter with fileName as the partition directory.
        Path toHdfs =
                json(
                        "postgresql_hdfs.json",
                        """
                {"job": {"content": [{
                  "reader": {"name": "postgresqlreader", "parameter": {"username": "%s", "password": "%s",
                    "column": [{"name": "id", "type": "bigint"}, {"name": "kind", "type": "varchar"},
                               {"name": "at", "type": "timestamp"}],
                    "connection": [{"jdbcUrl": ["%s"], "table": ["events"], "schema": "public"}]}},
                  "writer": {"name": "hdfswriter", "parameter": {"path": "%s", "fileName": "pt=1",
                    "fileType": "text", "fieldDelimiter": ",", "writeMode": "overwrite",
                    "column": [{"name": "id", "type": "bigint"}, {"name": "kind", "type": "string"},
                               {"name": "at", "type": "timestamp"}]}}}],
                  "setting": {"speed": {"channel": 2}}}}
                """
                                .formatted(pg.user(), pg.password(), pg.jdbcUrl("jsonjobs"), path));
        Path fromHdfs =
                json(
                        "hdfs_mysql.json",
                        """
                {"job": {"content": [{
                  "reader": {"name": "hdfsreader", "parameter": {"path": "%s/pt=1", "fileType": "text",
                    "fieldDelimiter": ",",
                    "column": [{"index": 0, "type": "bigint", "name": "id"}, {"index": 2, "type": "timestamp", "name": "at"},
                               {"index": 1, "type": "string", "name": "kind"},
                               {"name": "origin", "type": "string", "value": "hdfs"}]}},
                  "writer": {"name": "mysqlwriter", "parameter": {"username": "%s", "password": "%s",
                    "column": ["id", "at", "kind", "origin"], "mode": "replace", "uniqueKey": ["id"],
                    "connection": [{"jdbcUrl": "jdbc:mysql://127.0.0.1:%d/jsonjobs", "table": ["events_back"]}]}}}]}}
                """
                                .formatted(path, maria.user(), maria.password(), maria.port()));

        Commands.Result written =
                Commands.flinkx(
                        cluster.flink(),
                        dir,
                        Duration.ofMinutes(5),
                        "-mode",
                        "standalone",
                        "-job",
                        toHdfs.toString(),
                        "--no-progress");
        Commands.Result read =
                Commands.flinkx(
                        cluster.flink(),
                        dir,
                        Duration.ofMinutes(5),
                        "-mode",
                        "standalone",
                        "-job",
                        fromHdfs.toString(),
                        "--no-progress");

        assertThat(written.exitCode()).as(written.output()).isEqualTo(0);
        assertThat(read.exitCode()).as(read.output()).isEqualTo(0);
        assertThat(
                        maria.query(
                                "jsonjobs",
                                "SELECT id, kind, DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s'), origin FROM events_back ORDER BY id"))
                .hasSize(1500)
                .isEqualTo(
                        pg.query(
                                "jsonjobs",
                                "SELECT id, kind, TO_CHAR(at, 'YYYY-MM-DD HH24:MI:SS'), 'hdfs' FROM events ORDER BY id"));
    }

    /**
     * A continuous sync definition (a flinkx-binlog source) run by bin/flinkx on the standalone
     * cluster: two MariaDB shards and a plain table snapshotted and streamed through one binlog
     * reader into PostgreSQL tables the run creates, until the job is canceled.
     */
    @Test
    void aContinuousSyncDefinitionStreamsShardsAndTablesAndPicksUpANewTableUntilCanceled()
            throws Exception {
        for (int shard = 1; shard <= 2; shard++) {
            String db = "dist_cdc_" + shard;
            maria.createDatabase(db);
            try (Connection c = maria.connect(db);
                    Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS items");
                s.execute("DROP TABLE IF EXISTS notes");
                s.execute("DROP TABLE IF EXISTS tags");
                s.execute("CREATE TABLE items (id INT PRIMARY KEY, label VARCHAR(40) NOT NULL)");
                s.execute(
                        "INSERT INTO items SELECT seq, CONCAT('item-', seq, '@"
                                + shard
                                + "') FROM seq_1_to_100");
                s.execute("CREATE TABLE notes (k BIGINT PRIMARY KEY, body TEXT, at DATETIME(3))");
                s.execute("INSERT INTO notes VALUES (1, 'first', '2024-01-02 03:04:05.678')");
            }
        }
        pg.createDatabase("dist_cdc_lake");
        try (Connection c = pg.connect("dist_cdc_lake");
                Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS items");
            s.execute("DROP TABLE IF EXISTS notes_1");
            s.execute("DROP TABLE IF EXISTS tags_1");
        }
        Path job =
                Files.writeString(
                        dir.resolve("cdc_sync.yaml"),
                        """
                source:
                  type: flinkx-binlog
                  url: 'jdbc:mariadb://127.0.0.1:%d/dist_cdc_1'
                  username: %s
                  password: %s
                  tables: 'dist_cdc_[0-9]+\\.items|dist_cdc_1\\.(notes|tags)'
                sink:
                  type: flinkx-postgresql
                  options: {url: '%s', username: %s, password: %s,
                            sink.buffer-flush.interval: 200ms}
                routes:
                  - tables: 'dist_cdc_[0-9]+\\.items'
                    target: dist_cdc_lake.items
                    origin-columns: {shard: database}
                  - tables: 'dist_cdc_1\\.(notes|tags)'
                    target: dist_cdc_lake.$1_1
                rescan: {interval: 1 s, savepoint-dir: '%s'}
                """
                                .formatted(
                                        maria.port(),
                                        maria.user(),
                                        maria.password(),
                                        pg.jdbcUrl("postgres"),
                                        pg.user(),
                                        pg.password(),
                                        dir.resolve("savepoints").toUri()));
        Path output = dir.resolve("cdc_sync.out");
        Process flinkx =
                Commands.startFlinkx(
                        cluster.flink(),
                        dir,
                        output,
                        "-mode",
                        "standalone",
                        "-job",
                        job.toString(),
                        "-confProp",
                        "{\"execution.checkpointing.interval\": \"1s\"}",
                        "--no-progress");
        String jobId = awaitRunningJob(output);
        try (Connection c = maria.connect("dist_cdc_2");
                Statement s = c.createStatement()) {
            s.execute("UPDATE items SET label = 'changed' WHERE id = 7");
            s.execute("DELETE FROM items WHERE id > 90");
            s.execute("INSERT INTO items VALUES (500, 'new')");
        }
        try (Connection c = maria.connect("dist_cdc_1");
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO notes VALUES (2, 'second', NULL)");
        }
        String items = "SELECT shard, count(*), max(id) FROM items GROUP BY shard ORDER BY shard";
        List<List<String>> expected =
                List.of(List.of("dist_cdc_1", "100", "100"), List.of("dist_cdc_2", "91", "500"));
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!(pg.query("dist_cdc_lake", items).equals(expected)
                        && pg.query("dist_cdc_lake", "SELECT count(*) FROM notes_1")
                                .equals(List.of(List.of("2"))))
                && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        assertThat(pg.query("dist_cdc_lake", items))
                .as(Files.readString(output))
                .isEqualTo(expected);
        assertThat(
                        pg.query(
                                "dist_cdc_lake",
                                "SELECT label FROM items WHERE shard = 'dist_cdc_2' AND id = 7"))
                .containsExactly(List.of("changed"));
        assertThat(pg.query("dist_cdc_lake", "SELECT k, body, at FROM notes_1 ORDER BY k"))
                .containsExactly(
                        List.of("1", "first", "2024-01-02 03:04:05.678"),
                        Arrays.asList("2", "second", null));
        assertThat(Files.readString(output))
                .doesNotContain(maria.password())
                .doesNotContain(pg.password());

        // 'rescan': a table created while the sync runs is picked up (bin/flinkx stops the job
        // with a savepoint, creates the target and starts the new plan from the savepoint)
        try (Connection c = maria.connect("dist_cdc_1");
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE tags (id INT PRIMARY KEY, tag VARCHAR(20) NOT NULL)");
            s.execute("INSERT INTO tags VALUES (1, 'one'), (2, 'two')");
        }
        String restarted = awaitRunningJob(output, jobId);
        try (Connection c = maria.connect("dist_cdc_1");
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO tags VALUES (3, 'three')");
            s.execute("UPDATE items SET label = 'after the restart' WHERE id = 1");
        }
        String tags = "SELECT id, tag FROM tags_1 ORDER BY id";
        List<List<String>> expectedTags =
                List.of(List.of("1", "one"), List.of("2", "two"), List.of("3", "three"));
        String item = "SELECT label FROM items WHERE shard = 'dist_cdc_1' AND id = 1";
        deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!(queryOrEmpty("dist_cdc_lake", tags).equals(expectedTags)
                        && pg.query("dist_cdc_lake", item)
                                .equals(List.of(List.of("after the restart"))))
                && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        assertThat(queryOrEmpty("dist_cdc_lake", tags))
                .as(Files.readString(output))
                .isEqualTo(expectedTags);
        assertThat(pg.query("dist_cdc_lake", item)).containsExactly(List.of("after the restart"));
        assertThat(pg.query("dist_cdc_lake", items)).isEqualTo(expected);
        assertThat(Files.readString(output))
                .contains("new target dist_cdc_lake.tags_1 from [dist_cdc_1.tags]")
                .contains("stopped with savepoint")
                .doesNotContain(maria.password())
                .doesNotContain(pg.password());

        cluster.cancel(restarted);
        assertThat(flinkx.waitFor(2, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
        assertThat(Files.readString(output)).contains("ended CANCELED");
    }

    private static List<List<String>> queryOrEmpty(String database, String sql) throws Exception {
        try {
            return pg.query(database, sql);
        } catch (java.sql.SQLException notCreatedYet) {
            return List.of();
        }
    }

    @Test
    void binlogReaderKeepsTheTargetEqualUntilCanceled() throws Exception {
        try (Connection c = maria.connect("jsonjobs");
                Statement s = c.createStatement()) {
            s.execute(
                    "CREATE TABLE accounts (id INT PRIMARY KEY, owner VARCHAR(32), balance DECIMAL(12, 2))");
        }
        try (Connection c = pg.connect("jsonjobs");
                Statement s = c.createStatement()) {
            s.execute(
                    "CREATE TABLE accounts_live (id INT PRIMARY KEY, owner VARCHAR(32), balance DECIMAL(12, 2))");
        }
        // Changes from the binlog position before them on (the older key set's start.journalName).
        List<String> position = maria.query("jsonjobs", "SHOW MASTER STATUS").get(0);
        Path job =
                json(
                        "binlog_postgresql.json",
                        """
                {"job": {"content": [{
                  "reader": {"name": "binlogreader", "parameter": {"host": "127.0.0.1", "port": %d,
                    "username": "%s", "password": "%s", "jdbcUrl": "jdbc:mysql://127.0.0.1:%d/jsonjobs",
                    "table": ["accounts"], "cat": "insert,update,delete", "pavingData": true,
                    "start": {"journalName": "%s", "position": %s}}},
                  "writer": {"name": "postgresqlwriter", "parameter": {"username": "%s", "password": "%s",
                    "writeMode": "update", "connection": [{"jdbcUrl": "%s", "table": ["accounts_live"]}]}}}],
                  "setting": {"restore": {"isStream": true}}}}
                """
                                .formatted(
                                        maria.port(),
                                        maria.user(),
                                        maria.password(),
                                        maria.port(),
                                        position.get(0),
                                        position.get(1),
                                        pg.user(),
                                        pg.password(),
                                        pg.jdbcUrl("jsonjobs")));
        Path output = dir.resolve("binlog.out");

        Process flinkx =
                Commands.startFlinkx(
                        cluster.flink(),
                        dir,
                        output,
                        "-mode",
                        "standalone",
                        "-job",
                        job.toString(),
                        "-confProp",
                        "{\"flink.checkpoint.interval\": 1000}");
        String jobId = awaitRunningJob(output);
        try (Connection c = maria.connect("jsonjobs");
                Statement s = c.createStatement()) {
            s.execute(
                    "INSERT INTO accounts VALUES (1, 'ann', 10.00), (2, 'bob', 20.00), (3, 'cid', 30.00)");
            s.execute("UPDATE accounts SET balance = balance + 5 WHERE id = 2");
            s.execute("DELETE FROM accounts WHERE id = 3");
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        List<List<String>> expected =
                List.of(List.of("1", "ann", "10.00"), List.of("2", "bob", "25.00"));
        while (!pg.query("jsonjobs", "SELECT id, owner, balance FROM accounts_live ORDER BY id")
                        .equals(expected)
                && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        assertThat(pg.query("jsonjobs", "SELECT id, owner, balance FROM accounts_live ORDER BY id"))
                .as(Files.readString(output))
                .isEqualTo(expected);

        cluster.cancel(jobId);
        assertThat(flinkx.waitFor(2, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
        assertThat(flinkx.exitValue()).isEqualTo(1);
        assertThat(Files.readString(output))
                .contains("ERROR: statement at line")
                .contains("CANCELED");
    }

    @Test
    void streamReaderToStreamWriter() throws Exception {
        Path job =
                json(
                        "stream_stream.json",
                        """
                {"job": {"content": [{
                  "reader": {"name": "streamreader", "parameter": {"sliceRecordCount": [500],
                    "column": [{"name": "id", "type": "id"}, {"name": "msg", "type": "string"}]}},
                  "writer": {"name": "streamwriter", "parameter": {"print": false}}}],
                  "setting": {"speed": {"channel": 2}}}}
                """);

        Commands.Result result =
                Commands.flinkx(
                        cluster.flink(),
                        dir,
                        Duration.ofMinutes(5),
                        "-mode",
                        "standalone",
                        "-job",
                        job.toString(),
                        "--no-progress");

        assertThat(result.exitCode()).as(result.output()).isEqualTo(0);
        assertThat(result.output())
                .contains("FINISHED")
                .contains("source Source: reader")
                .contains("1,000 rows");
    }

    private static String awaitRunningJob(Path output) throws Exception {
        return awaitRunningJob(output, null);
    }

    /** The last job submitted (other than {@code before}), once it runs. */
    private static String awaitRunningJob(Path output, String before) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            var job =
                    java.util.regex.Pattern.compile("Job ([0-9a-f]{32}) submitted")
                            .matcher(Files.readString(output));
            String last = null;
            while (job.find()) {
                last = job.group(1);
            }
            if (last != null && !last.equals(before) && cluster.jobState(last).equals("RUNNING")) {
                return last;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no running job:\n" + Files.readString(output) + cluster.logs());
    }

    private static Path json(String name, String text) throws java.io.IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
