package org.flinkx.sync.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.flinkx.connector.jdbc.testutils.ReviewedFiles.resource;
import static org.flinkx.connector.jdbc.testutils.ReviewedFiles.reviewed;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.ObjectPath;
import org.flinkx.connector.jdbc.catalog.JdbcCatalog;
import org.flinkx.connector.jdbc.testutils.MariaDbServer;
import org.flinkx.connector.jdbc.testutils.PostgresServer;
import org.flinkx.connector.starrocks.testserver.StarRocksTestServer;
import org.flinkx.sync.ddl.SyncDdl;
import org.flinkx.sync.definition.SyncDefinition;
import org.flinkx.sync.definition.SyncDefinitions;
import org.flinkx.sync.job.SyncScript;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A MariaDB server with two databases of sharded tables ({@code edu_db_N.course_N}) and a database
 * of plain tables ({@code shop}), planned by route rules: the shards merge into one target with
 * origin columns leading its key, the plain tables are renamed by a capture group, a table the sync
 * does not capture stays out. The generated statements are compared with reviewed files (StarRocks
 * printed, PostgreSQL written to files), run on the StarRocks test server, and created in
 * PostgreSQL through the PostgreSQL catalog (a second run leaves them).
 */
class SyncPlannerITCase {

    private static MariaDbServer maria;
    private static PostgresServer postgres;

    @BeforeAll
    static void createSources() throws Exception {
        maria = MariaDbServer.get();
        postgres = PostgresServer.get();
        for (String db : List.of("edu_db_1", "edu_db_2")) {
            maria.createDatabase(db);
            for (String table : List.of("course_1", "course_2")) {
                run(
                        db,
                        "DROP TABLE IF EXISTS " + table,
                        "CREATE TABLE "
                                + table
                                + " (id INT NOT NULL PRIMARY KEY, "
                                + "title VARCHAR(200) CHARACTER SET utf8mb4 NOT NULL, "
                                + "credits DECIMAL(4, 1), starts DATETIME(3)) "
                                + "DEFAULT CHARSET = utf8mb4");
            }
        }
        maria.createDatabase("shop");
        run(
                "shop",
                "DROP TABLE IF EXISTS orders",
                "DROP TABLE IF EXISTS customers",
                "DROP TABLE IF EXISTS audit_log",
                "CREATE TABLE orders (total DECIMAL(12, 2) NOT NULL, order_id BIGINT UNSIGNED "
                        + "NOT NULL, customer VARCHAR(40) CHARACTER SET latin1, note TEXT, "
                        + "placed TIMESTAMP(3) NULL, PRIMARY KEY (order_id)) "
                        + "DEFAULT CHARSET = utf8mb4",
                "CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(50), vip BOOL) "
                        + "DEFAULT CHARSET = utf8mb4",
                "CREATE TABLE audit_log (at DATETIME, what TEXT)");
    }

    @AfterAll
    static void dropSources() throws Exception {
        for (String db : List.of("edu_db_1", "edu_db_2")) {
            run(db, "DROP TABLE IF EXISTS course_1", "DROP TABLE IF EXISTS course_2");
        }
        run(
                "shop",
                "DROP TABLE IF EXISTS orders",
                "DROP TABLE IF EXISTS customers",
                "DROP TABLE IF EXISTS audit_log");
    }

    @Test
    void shardsMergeWithOriginColumnsAndStarRocksTablesAreTheReviewedOnes() throws Exception {
        SyncDefinition definition = definition("flinkx-starrocks", "ddl: {mode: print}");
        List<TargetTable> targets = plan(definition);

        assertThat(targets)
                .extracting(t -> t.path().getFullName())
                .containsExactly("edu.course", "lake.shop_customers", "lake.shop_orders");
        TargetTable course = targets.get(0);
        assertThat(course.sources())
                .extracting(ObjectPath::getFullName)
                .containsExactly(
                        "edu_db_1.course_1",
                        "edu_db_1.course_2",
                        "edu_db_2.course_1",
                        "edu_db_2.course_2");
        assertThat(course.primaryKey()).containsExactly("source_db", "source_table", "id");
        assertThat(course.originColumns())
                .containsEntry("source_db", "database")
                .containsEntry("source_table", "table");
        assertThat(course.options()).containsEntry("sink.buffer-flush.max-rows", "1000");
        assertThat(targets.get(2).options()).doesNotContainKey("sink.buffer-flush.max-rows");

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        SyncDdl.run(definition, targets, new PrintStream(printed, true, StandardCharsets.UTF_8));
        String statements = printed.toString(StandardCharsets.UTF_8);
        assertThat(statements).isEqualTo(reviewed("/ddl/starrocks.sql", statements));

        try (StarRocksTestServer starRocks = StarRocksTestServer.start("root", "pw", 1)) {
            for (String statement : printed.toString(StandardCharsets.UTF_8).split(";\n\n")) {
                if (!statement.isBlank()) {
                    starRocks.execute(statement);
                }
            }
            assertThat(starRocks.columnTypes("edu", "course"))
                    .containsExactly(
                            java.util.Map.entry("source_db", "VARCHAR(256)"),
                            java.util.Map.entry("source_table", "VARCHAR(256)"),
                            java.util.Map.entry("id", "INT"),
                            java.util.Map.entry("title", "VARCHAR(800)"),
                            java.util.Map.entry("credits", "DECIMAL(4,1)"),
                            java.util.Map.entry("starts", "DATETIME"));
            assertThat(starRocks.columnTypes("lake", "shop_orders"))
                    .containsEntry("customer", "VARCHAR(40)")
                    .containsEntry("order_id", "LARGEINT");
        }
    }

    @Test
    void theBoundedJobLoadsEveryShardIntoStarRocksWithItsOrigin() throws Exception {
        for (String db : List.of("edu_db_1", "edu_db_2")) {
            for (String table : List.of("course_1", "course_2")) {
                run(
                        db,
                        "DELETE FROM " + table,
                        "INSERT INTO "
                                + table
                                + " VALUES (1, '"
                                + db
                                + "/"
                                + table
                                + "', 2.5, '2024-01-02 03:04:05.678'), (2, 'two', NULL, NULL)");
            }
        }
        run("shop", "INSERT INTO customers VALUES (7, 'Zoë', TRUE)");
        try (StarRocksTestServer starRocks = StarRocksTestServer.start("root", "pw", 1)) {
            SyncDefinition definition =
                    SyncDefinitions.parse(
                            definitionText("flinkx-starrocks", "")
                                    .replace(
                                            "  starrocks:\n",
                                            "  options: {load-url: '"
                                                    + starRocks.feAddress()
                                                    + "', jdbc-url: 'jdbc:mysql://127.0.0.1:9030', "
                                                    + "username: root, password: pw}\n"
                                                    + "  starrocks:\n"));
            List<TargetTable> targets = plan(definition);
            try (org.flinkx.sync.ddl.TargetTables tables = SyncDdl.of(definition)) {
                for (TargetTable target : targets) {
                    starRocks.execute(tables.statement(target));
                }
            }
            String script = SyncScript.of(definition, targets, null, false);
            TableEnvironment tEnv = TableEnvironment.create(EnvironmentSettings.inBatchMode());
            tEnv.getConfig().set("parallelism.default", "2");
            int set = script.indexOf("EXECUTE STATEMENT SET");
            for (String statement : script.substring(0, set).split(";\n")) {
                tEnv.executeSql(statement);
            }
            tEnv.executeSql(script.substring(set, script.lastIndexOf(';'))).await();

            List<java.util.Map<String, String>> course = starRocks.rows("edu", "course");
            assertThat(course).hasSize(8);
            assertThat(course)
                    .filteredOn(r -> r.get("id").equals("1"))
                    .extracting(
                            r ->
                                    r.get("source_db")
                                            + "."
                                            + r.get("source_table")
                                            + "="
                                            + r.get("title"))
                    .containsExactlyInAnyOrder(
                            "edu_db_1.course_1=edu_db_1/course_1",
                            "edu_db_1.course_2=edu_db_1/course_2",
                            "edu_db_2.course_1=edu_db_2/course_1",
                            "edu_db_2.course_2=edu_db_2/course_2");
            assertThat(starRocks.rows("lake", "shop_customers"))
                    .singleElement()
                    .satisfies(r -> assertThat(r).containsEntry("name", "Zoë"));
            assertThat(starRocks.rows("lake", "shop_orders")).isEmpty();
        } finally {
            run("shop", "DELETE FROM customers");
        }
    }

    @Test
    void postgresTablesAreWrittenToFilesAndCreatedOnce(@TempDir Path directory) throws Exception {
        String sink = "flinkx-postgresql";
        SyncDefinition files =
                definition(sink, "ddl: {mode: files, directory: '" + directory + "'}");
        List<TargetTable> targets = plan(files);
        SyncDdl.run(files, targets, new PrintStream(new ByteArrayOutputStream()));
        for (String name : List.of("edu.course", "lake.shop_customers", "lake.shop_orders")) {
            String written = Files.readString(directory.resolve(name + ".sql"));
            assertThat(written)
                    .as(name)
                    .isEqualTo(reviewed("/ddl/postgres/" + name + ".sql", written));
        }

        SyncDefinition create = definition(sink, "ddl: {mode: create}");
        SyncDdl.run(create, targets, System.out);
        assertThat(
                        postgres.query(
                                "edu",
                                "SELECT column_name || ' ' || data_type || ' ' || is_nullable "
                                        + "FROM information_schema.columns WHERE table_name = "
                                        + "'course' ORDER BY ordinal_position"))
                .extracting(row -> row.get(0))
                .containsExactly(
                        "source_db character varying NO",
                        "source_table character varying NO",
                        "id integer NO",
                        "title character varying NO",
                        "credits numeric YES",
                        "starts timestamp without time zone YES");
        try (Connection c = postgres.connect("edu");
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO course VALUES ('edu_db_1', 'course_1', 1, 'x', 1.5, NULL)");
        }
        // a second run finds the tables there and leaves them (the row stays)
        SyncDdl.run(create, targets, System.out);
        assertThat(postgres.query("edu", "SELECT count(*) FROM course"))
                .containsExactly(List.of("1"));

        // a target that lacks a column the sync writes (added to the source since) gets it,
        // nullable, typed as a created table's; its rows and other columns stay
        try (Connection c = postgres.connect("lake");
                Statement s = c.createStatement()) {
            s.execute("ALTER TABLE shop_orders DROP COLUMN note");
            s.execute("ALTER TABLE shop_orders ADD COLUMN kept_by_hand INT");
            s.execute("INSERT INTO shop_orders (total, order_id) VALUES (1.25, 9)");
        }
        SyncDdl.run(create, targets, System.out);
        assertThat(
                        postgres.query(
                                "lake",
                                "SELECT column_name || ' ' || data_type || ' ' || is_nullable "
                                        + "FROM information_schema.columns WHERE table_name = "
                                        + "'shop_orders' ORDER BY ordinal_position"))
                .extracting(row -> row.get(0))
                .contains("kept_by_hand integer YES")
                .last()
                .isEqualTo("note text YES");
        assertThat(postgres.query("lake", "SELECT order_id, note FROM shop_orders"))
                .containsExactly(java.util.Arrays.asList("9", null));
    }

    /**
     * The table of every MySQL type (the one connector-starrocks' test maps to StarRocks) as a
     * PostgreSQL and a MariaDB target: the reviewed statements, and both created on the servers.
     */
    @Test
    void theWideTableBecomesTheReviewedPostgresAndMariaDbTables() throws Exception {
        maria.createDatabase("sync_wide");
        run(
                "sync_wide",
                "DROP TABLE IF EXISTS wide_types",
                resource("/ddl/wide_types.mariadb.sql"));
        try {
            for (String sink : List.of("flinkx-postgresql", "flinkx-mariadb")) {
                String url =
                        sink.equals("flinkx-postgresql")
                                ? postgres.jdbcUrl("postgres")
                                : maria.jdbcUrl("sync_wide");
                String user = sink.equals("flinkx-postgresql") ? postgres.user() : maria.user();
                String password =
                        sink.equals("flinkx-postgresql") ? postgres.password() : maria.password();
                SyncDefinition definition =
                        SyncDefinitions.parse(
                                source("sync_wide\\\\.wide_types")
                                        + "sink:\n  type: "
                                        + sink
                                        + "\n  options: {url: '"
                                        + url
                                        + "', username: "
                                        + user
                                        + ", password: "
                                        + password
                                        + "}\n"
                                        + "routes:\n  - tables: 'sync_wide\\.(.*)'\n"
                                        + "    target: sync_wide_copy.$1\n");
                List<TargetTable> targets = plan(definition);
                String name = sink.equals("flinkx-postgresql") ? "postgres" : "mariadb";
                try (org.flinkx.sync.ddl.TargetTables tables = SyncDdl.of(definition)) {
                    String statement = tables.statement(targets.get(0)) + ";\n";
                    assertThat(statement)
                            .as(sink)
                            .isEqualTo(reviewed("/ddl/" + name + "/wide_types.sql", statement));
                    assertThat(tables.create(targets.get(0))).as(sink).isTrue();
                    assertThat(tables.create(targets.get(0))).as(sink).isFalse();
                }
            }
        } finally {
            run("sync_wide", "DROP TABLE IF EXISTS wide_types");
            run("sync_wide", "DROP DATABASE IF EXISTS sync_wide_copy");
            try (Connection c = postgres.connect("postgres");
                    Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS sync_wide_copy");
            }
        }
    }

    @Test
    void shardsWhoseColumnsDifferFailNamingBothTablesAndTheColumn() throws Exception {
        maria.createDatabase("edu_db_3");
        run(
                "edu_db_3",
                "DROP TABLE IF EXISTS course_1",
                "CREATE TABLE course_1 (id INT PRIMARY KEY, title VARCHAR(100) NOT NULL, "
                        + "credits DECIMAL(4, 1), starts DATETIME(3))");
        try {
            assertThatThrownBy(() -> plan(definition("flinkx-starrocks", "")))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("'edu_db_1.course_1' and 'edu_db_3.course_1'")
                    .hasMessageContaining("'edu.course'")
                    .hasMessageContaining("'title' is varchar(200)")
                    .hasMessageContaining("varchar(100) in edu_db_3.course_1");
        } finally {
            run("edu_db_3", "DROP TABLE IF EXISTS course_1");
        }
    }

    @Test
    void aSyncThatCapturesNoTableFailsNamingItsPattern() {
        SyncDefinition none =
                SyncDefinitions.parse(
                        source("nothing_here\\\\..*") + "sink: {type: flinkx-starrocks}\n");
        assertThatThrownBy(() -> plan(none))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'source.tables'")
                .hasMessageContaining("nothing_here");
    }

    private static SyncDefinition definition(String sinkType, String ddl) {
        return SyncDefinitions.parse(definitionText(sinkType, ddl));
    }

    private static String definitionText(String sinkType, String ddl) {
        String sink =
                sinkType.equals("flinkx-starrocks")
                        ? "sink:\n  type: flinkx-starrocks\n  starrocks:\n    buckets: 4\n"
                                + "    properties: {replication_num: '1'}\n"
                        : "sink:\n  type: flinkx-postgresql\n  options:\n    url: '"
                                + postgres.jdbcUrl("postgres")
                                + "'\n    username: "
                                + postgres.user()
                                + "\n    password: "
                                + postgres.password()
                                + "\n";
        return source("edu_db_[0-9]+\\\\.course_[0-9]+|shop\\\\.(orders|customers)")
                + sink
                + "routes:\n"
                + "  - tables: 'edu_db_[0-9]+\\.course_[0-9]+'\n"
                + "    target: edu.course\n"
                + "    origin-columns: {source_db: database, source_table: table}\n"
                + "    options: {sink.buffer-flush.max-rows: '1000'}\n"
                + "  - tables: 'shop\\.(.*)'\n"
                + "    target: lake.shop_$1\n"
                + ddl
                + "\n";
    }

    private static String source(String tables) {
        return "source:\n  type: flinkx-mariadb\n  url: '"
                + maria.jdbcUrl("shop")
                + "'\n  username: "
                + maria.user()
                + "\n  password: "
                + maria.password()
                + "\n  tables: \""
                + tables
                + "\"\n";
    }

    private static List<TargetTable> plan(SyncDefinition definition) {
        JdbcCatalog source = SyncPlanner.openSource(definition);
        try {
            return SyncPlanner.plan(definition, source);
        } finally {
            source.close();
        }
    }

    private static void run(String database, String... statements) throws Exception {
        try (Connection c = maria.connect(database);
                Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
