package org.flinkx.connector.jdbc.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.flinkx.connector.jdbc.testutils.DatabaseServer;
import org.flinkx.connector.jdbc.testutils.MariaDbServer;
import org.flinkx.connector.jdbc.testutils.PostgresServer;
import org.flinkx.connector.jdbc.testutils.TestClusters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@code flinkx-mariadb} and {@code flinkx-postgresql} catalogs against real servers: they list
 * databases and tables, give each table its mapped types and key, read it with no DDL (hints,
 * projection, filter, lookup), create tables by CTAS in the other database and fill them, and say
 * clearly what is wrong with a password, a database or an option.
 */
class JdbcCatalogITCase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = TestClusters.withSlots(4);

    private static final String SHOP = "cat_shop";
    private static final String EMPTY = "cat_empty";
    private static final String PG_DB = "cat_pg";

    private static MariaDbServer maria;
    private static PostgresServer pg;

    @BeforeAll
    static void createTables() throws Exception {
        maria = MariaDbServer.get();
        pg = PostgresServer.get();
        maria.createDatabase(SHOP);
        maria.createDatabase(EMPTY);
        run(
                maria,
                SHOP,
                "DROP TABLE IF EXISTS orders",
                "DROP TABLE IF EXISTS order_lines",
                "DROP TABLE IF EXISTS copied_from_pg",
                "CREATE TABLE orders (qty INT UNSIGNED, id BIGINT NOT NULL PRIMARY KEY, "
                        + "customer VARCHAR(40) NOT NULL, amount DECIMAL(10, 2), "
                        + "created DATETIME(3), note TEXT, flag BIT(1), small TINYINT)",
                "INSERT INTO orders VALUES (7, 1, 'ann', 10.50, '2024-01-02 03:04:05.678', "
                        + "'first', b'1', -3), (8, 2, 'bob', NULL, NULL, NULL, b'0', 4), "
                        + "(4294967295, 3, 'ann', 99999999.99, '1999-12-31 23:59:59.999', "
                        + "'max', NULL, NULL)",
                "CREATE TABLE order_lines (order_id BIGINT NOT NULL, line INT NOT NULL, "
                        + "sku CHAR(8), PRIMARY KEY (line, order_id))",
                "INSERT INTO order_lines VALUES (1, 1, 'sku-1'), (1, 2, 'sku-2'), (3, 1, 'sku-3')");
        pg.createDatabase(PG_DB);
        run(
                pg,
                PG_DB,
                "DROP TABLE IF EXISTS public.accounts",
                "DROP TABLE IF EXISTS public.copied_from_maria",
                "DROP SCHEMA IF EXISTS sales CASCADE",
                "CREATE TABLE public.accounts (id INT PRIMARY KEY, name VARCHAR(20) NOT NULL, "
                        + "balance NUMERIC(12, 3), opened TIMESTAMPTZ(3), tags TEXT[], "
                        + "doc JSONB, code UUID)",
                "INSERT INTO public.accounts VALUES (1, 'a', 1.5, '2024-05-06 07:08:09.123+00', "
                        + "ARRAY['x', 'y'], '{\"k\": 1}', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'), "
                        + "(2, 'b', NULL, NULL, NULL, NULL, NULL)",
                "CREATE SCHEMA sales",
                "CREATE TABLE sales.items (sku TEXT PRIMARY KEY, price DOUBLE PRECISION)",
                "INSERT INTO sales.items VALUES ('sku-1', 1.25), ('sku-3', 3.5)");
    }

    @Test
    void listsDatabasesAndTables() throws Exception {
        StreamTableEnvironment tEnv = environment();
        List<String> databases = strings(tEnv.executeSql("SHOW DATABASES IN maria"));
        assertThat(databases).contains(SHOP, EMPTY).doesNotContain("mysql", "information_schema");
        assertThat(strings(tEnv.executeSql("SHOW TABLES IN maria." + SHOP)))
                .containsExactly("order_lines", "orders");
        assertThat(strings(tEnv.executeSql("SHOW TABLES IN maria." + EMPTY))).isEmpty();
        assertThat(strings(tEnv.executeSql("SHOW DATABASES IN pg"))).contains(PG_DB);
        assertThat(strings(tEnv.executeSql("SHOW TABLES IN pg." + PG_DB)))
                .containsExactly("accounts", "sales.items");
    }

    @Test
    void givesEachTableItsMappedTypesAndKey() throws Exception {
        StreamTableEnvironment tEnv = environment();
        assertThat(tEnv.from("maria." + SHOP + ".orders").getResolvedSchema().toString())
                .isEqualTo(
                        "(\n"
                                + "  `qty` BIGINT,\n"
                                + "  `id` BIGINT NOT NULL,\n"
                                + "  `customer` VARCHAR(40) NOT NULL,\n"
                                + "  `amount` DECIMAL(10, 2),\n"
                                + "  `created` TIMESTAMP(3),\n"
                                + "  `note` STRING,\n"
                                + "  `flag` BOOLEAN,\n"
                                + "  `small` TINYINT,\n"
                                + "  CONSTRAINT `PK_id` PRIMARY KEY (`id`) NOT ENFORCED\n"
                                + ")");
        assertThat(
                        tEnv.from("maria." + SHOP + ".order_lines")
                                .getResolvedSchema()
                                .getPrimaryKey()
                                .orElseThrow()
                                .getColumns())
                .as("the key's own column order")
                .containsExactly("line", "order_id");
        assertThat(tEnv.from("pg." + PG_DB + ".accounts").getResolvedSchema().toString())
                .isEqualTo(
                        "(\n"
                                + "  `id` INT NOT NULL,\n"
                                + "  `name` VARCHAR(20) NOT NULL,\n"
                                + "  `balance` DECIMAL(12, 3),\n"
                                + "  `opened` TIMESTAMP_LTZ(3),\n"
                                + "  `tags` ARRAY<STRING>,\n"
                                + "  `doc` STRING,\n"
                                + "  `code` STRING,\n"
                                + "  CONSTRAINT `PK_id` PRIMARY KEY (`id`) NOT ENFORCED\n"
                                + ")");
        assertThat(tEnv.from("pg." + PG_DB + ".`sales.items`").getResolvedSchema().toString())
                .contains("`sku` STRING NOT NULL", "`price` DOUBLE", "PRIMARY KEY (`sku`)");
    }

    @Test
    void readsTablesWithoutDdlWithHintsProjectionFilterAndLookup() throws Exception {
        StreamTableEnvironment tEnv = environment();
        assertThat(rows(tEnv, "SELECT * FROM maria." + SHOP + ".orders"))
                .containsExactlyInAnyOrder(
                        "+I[7, 1, ann, 10.50, 2024-01-02T03:04:05.678, first, true, -3]",
                        "+I[8, 2, bob, null, null, null, false, 4]",
                        "+I[4294967295, 3, ann, 99999999.99, 1999-12-31T23:59:59.999, max, null,"
                                + " null]");
        assertThat(
                        rows(
                                tEnv,
                                "SELECT amount, id FROM maria."
                                        + SHOP
                                        + ".orders /*+ OPTIONS('scan.partition.column' = 'id', "
                                        + "'scan.partition.num' = '2') */ WHERE customer = 'ann'"))
                .containsExactlyInAnyOrder("+I[10.50, 1]", "+I[99999999.99, 3]");
        assertThatThrownBy(
                        () ->
                                rows(
                                        tEnv,
                                        "SELECT id FROM maria."
                                                + SHOP
                                                + ".orders /*+ OPTIONS('scan.partition.num' = "
                                                + "'many') */"))
                .as("a hint reaches the connector, which checks it")
                .hasStackTraceContaining("scan.partition.num");
        assertThat(
                        rows(
                                tEnv,
                                "SELECT name, opened, tags, doc FROM pg."
                                        + PG_DB
                                        + ".accounts WHERE id = 1"))
                .containsExactly("+I[a, 2024-05-06T07:08:09.123Z, [x, y], {\"k\": 1}]");
        tEnv.executeSql(
                "CREATE TEMPORARY VIEW lines AS SELECT l.*, PROCTIME() AS pt FROM maria."
                        + SHOP
                        + ".order_lines AS l");
        assertThat(
                        rows(
                                tEnv,
                                "SELECT l.order_id, l.line, i.price FROM lines AS l "
                                        + "LEFT JOIN pg."
                                        + PG_DB
                                        + ".`sales.items` FOR SYSTEM_TIME AS OF l.pt AS i "
                                        + "ON i.sku = l.sku"))
                .containsExactlyInAnyOrder("+I[1, 1, 1.25]", "+I[1, 2, null]", "+I[3, 1, 3.5]");
    }

    @Test
    void createTableAsSelectCreatesTheTableInTheOtherDatabaseAndFillsIt() throws Exception {
        StreamTableEnvironment tEnv = environment();
        tEnv.executeSql(
                        "CREATE TABLE pg."
                                + PG_DB
                                + ".copied_from_maria (PRIMARY KEY (id) NOT ENFORCED) AS SELECT * "
                                + "FROM maria."
                                + SHOP
                                + ".orders")
                .await();
        assertThat(
                        pg.query(
                                PG_DB,
                                "SELECT column_name, data_type, is_nullable FROM "
                                        + "information_schema.columns WHERE table_name = "
                                        + "'copied_from_maria' ORDER BY ordinal_position"))
                .map(List::toString)
                .containsExactly(
                        "[qty, bigint, YES]",
                        "[id, bigint, NO]",
                        "[customer, character varying, NO]",
                        "[amount, numeric, YES]",
                        "[created, timestamp without time zone, YES]",
                        "[note, text, YES]",
                        "[flag, boolean, YES]",
                        "[small, smallint, YES]");
        assertThat(
                        pg.query(
                                PG_DB,
                                "SELECT id, qty, customer, amount, created, note, flag, small "
                                        + "FROM copied_from_maria ORDER BY id"))
                .map(List::toString)
                .containsExactly(
                        "[1, 7, ann, 10.50, 2024-01-02 03:04:05.678, first, t, -3]",
                        "[2, 8, bob, null, null, null, f, 4]",
                        "[3, 4294967295, ann, 99999999.99, 1999-12-31 23:59:59.999, max, null,"
                                + " null]");
        assertThat(tEnv.from("pg." + PG_DB + ".copied_from_maria").getResolvedSchema().toString())
                .contains("PRIMARY KEY (`id`)");

        tEnv.executeSql(
                        "CREATE TABLE maria."
                                + SHOP
                                + ".copied_from_pg (PRIMARY KEY (name) NOT ENFORCED) AS SELECT "
                                + "name, id, balance, opened, doc FROM pg."
                                + PG_DB
                                + ".accounts")
                .await();
        assertThat(
                        maria.query(
                                SHOP,
                                "SELECT COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_KEY FROM "
                                        + "information_schema.COLUMNS WHERE TABLE_SCHEMA = '"
                                        + SHOP
                                        + "' AND TABLE_NAME = 'copied_from_pg' ORDER BY "
                                        + "ORDINAL_POSITION"))
                .map(List::toString)
                .containsExactly(
                        "[name, varchar(20), NO, PRI]",
                        "[id, int(11), NO, ]",
                        "[balance, decimal(12,3), YES, ]",
                        "[opened, timestamp(3), YES, ]",
                        "[doc, longtext, YES, ]");
        assertThat(
                        maria.query(
                                SHOP,
                                // the instant, whatever the session's time zone
                                "SELECT name, id, balance, UNIX_TIMESTAMP(opened), doc FROM "
                                        + "copied_from_pg "
                                        + "ORDER BY id"))
                .map(List::toString)
                .containsExactly(
                        "[a, 1, 1.500, 1714979289.123, {\"k\": 1}]", "[b, 2, null, null, null]");
    }

    @Test
    void saysWhatIsWrong() throws Exception {
        StreamTableEnvironment tEnv = environment();
        assertThatThrownBy(
                        () ->
                                tEnv.executeSql(
                                        "CREATE CATALOG bad WITH ('type' = 'flinkx-mariadb', "
                                                + "'url' = '"
                                                + maria.jdbcUrl(SHOP)
                                                + "', 'username' = '"
                                                + maria.user()
                                                + "', 'password' = 'not-the-password-42')"))
                .hasStackTraceContaining("127.0.0.1:" + maria.port())
                .hasStackTraceContaining(maria.user())
                .satisfies(e -> assertThat(stackTrace(e)).doesNotContain("not-the-password-42"));
        assertThatThrownBy(
                        () ->
                                tEnv.executeSql(
                                        "CREATE CATALOG bad2 WITH ('type' = 'flinkx-mariadb', "
                                                + "'url' = '"
                                                + maria.jdbcUrl(null)
                                                + "', 'default-database' = 'no_such_db', "
                                                + "'username' = '"
                                                + maria.user()
                                                + "', 'password' = '"
                                                + maria.password()
                                                + "')"))
                .hasStackTraceContaining("'no_such_db'")
                .hasStackTraceContaining("does not exist")
                .hasStackTraceContaining(SHOP);
        assertThatThrownBy(
                        () ->
                                tEnv.executeSql(
                                        "CREATE CATALOG bad3 WITH ('type' = 'flinkx-postgresql', "
                                                + "'url' = '"
                                                + pg.jdbcUrl(PG_DB)
                                                + "', 'scan.fetch-sise' = '10')"))
                .hasStackTraceContaining("'scan.fetch-sise'")
                .hasStackTraceContaining("scan.fetch-size");
        assertThatThrownBy(
                        () ->
                                tEnv.executeSql(
                                        "CREATE TABLE pg."
                                                + PG_DB
                                                + ".with_options (id INT) WITH ("
                                                + "'sink.buffer-flush.max-rows' = '10')"))
                .hasStackTraceContaining("takes no options")
                .hasStackTraceContaining("sink.buffer-flush.max-rows");
        assertThatThrownBy(() -> tEnv.from("maria." + SHOP + ".no_such_table"))
                .hasMessageContaining("no_such_table");
    }

    @Test
    void catalogOptionsOfTheConnectorAreTableDefaults() throws Exception {
        StreamTableEnvironment tEnv = environment();
        tEnv.executeSql(
                "CREATE CATALOG capped WITH ('type' = 'flinkx-mariadb', 'url' = '"
                        + maria.jdbcUrl(SHOP)
                        + "', 'username' = '"
                        + maria.user()
                        + "', 'password' = '"
                        + maria.password()
                        + "', 'scan.where' = 'id < 3')");
        assertThat(rows(tEnv, "SELECT id FROM capped." + SHOP + ".orders"))
                .containsExactlyInAnyOrder("+I[1]", "+I[2]");
        assertThat(
                        rows(
                                tEnv,
                                "SELECT id FROM capped."
                                        + SHOP
                                        + ".orders /*+ OPTIONS('scan.where' = 'id = 3') */"))
                .as("a hint overrides the catalog's default")
                .containsExactly("+I[3]");
    }

    // ------------------------------------------------------------------ helpers

    private static StreamTableEnvironment environment() {
        StreamExecutionEnvironment env = TestClusters.environment(2);
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        StreamTableEnvironment tEnv = StreamTableEnvironment.create(env);
        tEnv.executeSql(catalog("maria", "flinkx-mariadb", maria, SHOP));
        tEnv.executeSql(catalog("pg", "flinkx-postgresql", pg, PG_DB));
        return tEnv;
    }

    private static String catalog(String name, String type, DatabaseServer server, String db) {
        return "CREATE CATALOG "
                + name
                + " WITH ('type' = '"
                + type
                + "', 'url' = '"
                + server.jdbcUrl(db)
                + "', 'username' = '"
                + server.user()
                + "', 'password' = '"
                + server.password()
                + "')";
    }

    private static void run(DatabaseServer server, String database, String... statements)
            throws Exception {
        try (Connection c = server.connect(database);
                Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private static List<String> rows(StreamTableEnvironment tEnv, String query) throws Exception {
        List<String> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = tEnv.executeSql(query).collect()) {
            it.forEachRemaining(row -> rows.add(row.toString()));
        }
        return rows;
    }

    private static List<String> strings(TableResult result) throws Exception {
        List<String> values = new ArrayList<>();
        try (CloseableIterator<Row> it = result.collect()) {
            it.forEachRemaining(row -> values.add(String.valueOf(row.getField(0))));
        }
        return values;
    }

    private static String stackTrace(Throwable e) {
        java.io.StringWriter out = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }
}
