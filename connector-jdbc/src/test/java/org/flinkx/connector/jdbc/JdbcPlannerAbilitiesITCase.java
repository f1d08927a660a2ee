package org.flinkx.connector.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.types.DataType;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.flinkx.connector.common.testutils.ReferenceQueries;
import org.flinkx.connector.jdbc.testutils.DatabaseServer;
import org.flinkx.connector.jdbc.testutils.MariaDbServer;
import org.flinkx.connector.jdbc.testutils.PostgresServer;
import org.flinkx.connector.jdbc.testutils.TestClusters;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The source abilities in the combinations the planner produces: projection with lookup, filter and
 * limit push-down, metadata columns, computed columns and {@code PROCTIME()}, over a table whose
 * Flink DDL declares its columns in another order than the database and than the queries use them,
 * and more columns than any query reads (metadata columns in another order than the connector lists
 * them). Every result is compared row by row with the same query over an in-memory copy of the
 * data. The upsert sink, whose key and columns are found by name, gets a reordered table too.
 */
class JdbcPlannerAbilitiesITCase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = TestClusters.withSlots(4);

    private static final String DATABASE = "flinkx";
    private static final int ROWS = 40;

    /** The database's column order: id, c_vc32, c_text, c_ts, c_bigint, c_int. */
    private static final String FLINK_COLUMNS =
            "c_text STRING, c_bigint BIGINT, c_int INT, c_vc32 STRING, id BIGINT NOT NULL, "
                    + "c_ts TIMESTAMP(3), tbl STRING METADATA FROM 'table_name' VIRTUAL, "
                    + "c2 AS c_bigint * 2, db STRING METADATA FROM 'database_name' VIRTUAL, "
                    + "pt AS PROCTIME(), PRIMARY KEY (id) NOT ENFORCED";

    private static final DataType REFERENCE_TYPE =
            DataTypes.ROW(
                    DataTypes.FIELD("c_text", DataTypes.STRING()),
                    DataTypes.FIELD("c_bigint", DataTypes.BIGINT()),
                    DataTypes.FIELD("c_int", DataTypes.INT()),
                    DataTypes.FIELD("c_vc32", DataTypes.STRING()),
                    DataTypes.FIELD("id", DataTypes.BIGINT().notNull()),
                    DataTypes.FIELD("c_ts", DataTypes.TIMESTAMP(3)),
                    DataTypes.FIELD("tbl", DataTypes.STRING()),
                    DataTypes.FIELD("c2", DataTypes.BIGINT()),
                    DataTypes.FIELD("db", DataTypes.STRING()));

    private static final String[] SCANS = {
        "SELECT c_ts, id, db FROM {t} WHERE MOD(c_bigint, 3) = 0 AND c_vc32 LIKE 'v1%'",
        "SELECT c2, c_text, tbl FROM {t} WHERE id BETWEEN 5 AND 20 OR c_vc32 = 'v7'",
        "SELECT id, c_vc32 FROM {t} WHERE c_text IS NULL",
        "SELECT c_int, c_bigint FROM {t} WHERE c_ts >= TIMESTAMP '2024-01-01 12:00:00' AND c_int <> 70",
        "SELECT tbl, db, COUNT(*), SUM(c_bigint), MAX(c_ts) FROM {t} GROUP BY tbl, db",
        "SELECT UPPER(c_vc32), c2 + c_int FROM {t} WHERE c2 > 6",
    };

    /** Joins against a fact table {@code f(fid, did, name, pt)}; {@code {t}} is the dimension. */
    private static final String[] LOOKUPS = {
        "SELECT f.fid, d.c_vc32, d.c_ts FROM f LEFT JOIN {t} AS d ON f.did = d.id",
        "SELECT f.fid, d.c_vc32 FROM f JOIN {t} AS d ON f.did = d.id",
        "SELECT f.fid, d.id, d.c_text FROM f LEFT JOIN {t} AS d ON f.did = d.c_bigint",
        "SELECT f.fid, d.tbl, d.db, d.c2, d.c_int FROM f LEFT JOIN {t} AS d ON f.name = d.c_vc32 AND f.did = d.id",
        "SELECT f.fid, d.c_int FROM f LEFT JOIN {t} AS d ON f.did = d.id AND d.c_bigint > 2",
        "SELECT f.fid, d.c_vc32, d.c_text FROM f JOIN {t} AS d ON f.did = d.id WHERE d.c_text IS NOT NULL",
    };

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"postgresql", "mariadb"})
    void scansMatchAnInMemoryCopy(String kind) throws Exception {
        DatabaseServer server = server(kind);
        StreamTableEnvironment tEnv = environment();
        String table = createTable(server, tEnv, kind);
        ReferenceQueries queries = new ReferenceQueries(tEnv, "dim", "dim_copy");
        for (String query : SCANS) {
            queries.assertSame(query);
        }
        queries.assertLimited("SELECT id, c_vc32, tbl FROM {t} WHERE c_bigint > 1", 4);
        queries.assertLimited("SELECT c_ts FROM {t}", 3);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"postgresql", "mariadb"})
    void lookupJoinsMatchAnInMemoryCopy(String kind) throws Exception {
        DatabaseServer server = server(kind);
        StreamTableEnvironment tEnv = environment();
        createTable(server, tEnv, kind);
        tEnv.executeSql(
                "CREATE TEMPORARY VIEW f0 AS SELECT * FROM (VALUES "
                        + "(1, CAST(3 AS BIGINT), 'v3'), (2, CAST(9 AS BIGINT), 'v0'), (3, CAST(999 AS BIGINT), 'x'), "
                        + "(4, CAST(30 AS BIGINT), 'v3'), (5, CAST(15 AS BIGINT), 'v6'), (6, CAST(5 AS BIGINT), 'v5'), "
                        + "(7, CAST(0 AS BIGINT), 'v0')) AS t(fid, did, name)");
        tEnv.executeSql(
                "CREATE TEMPORARY VIEW f AS SELECT fid, did, name, PROCTIME() AS pt FROM f0");
        ReferenceQueries queries =
                new ReferenceQueries(tEnv, "dim FOR SYSTEM_TIME AS OF f.pt", "dim_copy");
        for (String query : LOOKUPS) {
            queries.assertSame(query);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"postgresql", "mariadb"})
    void upsertSinkWithReorderedColumnsAndTheKeyLastMatchesAnInMemoryCopy(String kind)
            throws Exception {
        DatabaseServer server = server(kind);
        StreamTableEnvironment tEnv = environment();
        createTable(server, tEnv, kind);
        String target = "upsert_" + System.nanoTime() % 1_000_000;
        try (Connection c = server.connect(DATABASE);
                Statement s = c.createStatement()) {
            s.execute(
                    "CREATE TABLE "
                            + target
                            + " (k VARCHAR(32) NOT NULL PRIMARY KEY, total BIGINT, n BIGINT, "
                            + "last_text TEXT)");
        }
        String identifier = "postgresql".equals(kind) ? "flinkx-postgresql" : "flinkx-mariadb";
        tEnv.executeSql(
                "CREATE TABLE agg (n BIGINT, last_text STRING, total BIGINT, k STRING NOT NULL, "
                        + "PRIMARY KEY (k) NOT ENFORCED) WITH ('connector' = '"
                        + identifier
                        + "', 'url' = '"
                        + server.jdbcUrl(DATABASE)
                        + "', 'table-name' = '"
                        + target
                        + "', 'username' = '"
                        + server.user()
                        + "', 'password' = '"
                        + server.password()
                        + "')");
        // An aggregate is a changelog: every key is written, updated and (for some) deleted again.
        String aggregate =
                "SELECT COUNT(*) AS n, MAX(c_text) AS last_text, SUM(c_bigint) AS total, c_vc32 AS k "
                        + "FROM {t} WHERE c_int > 14 GROUP BY c_vc32";
        tEnv.executeSql("INSERT INTO agg " + aggregate.replace("{t}", "dim")).await();
        tEnv.createTemporaryView("agg_copy", tEnv.sqlQuery(aggregate.replace("{t}", "dim_copy")));
        ReferenceQueries queries = new ReferenceQueries(tEnv, "agg", "agg_copy");
        queries.assertSame("SELECT k, total, n, last_text FROM {t}");
    }

    private static StreamTableEnvironment environment() {
        StreamExecutionEnvironment env = TestClusters.environment(2);
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        return StreamTableEnvironment.create(env);
    }

    private static DatabaseServer server(String kind) {
        DatabaseServer server =
                "postgresql".equals(kind) ? PostgresServer.get() : MariaDbServer.get();
        server.createDatabase(DATABASE);
        return server;
    }

    /**
     * A table of {@link #ROWS} rows in the database, declared to Flink as {@code dim} (columns in
     * another order, with metadata and computed columns) and copied into the view {@code dim_copy}.
     */
    private static String createTable(
            DatabaseServer server, StreamTableEnvironment tEnv, String kind) throws Exception {
        String table = "abilities_" + System.nanoTime() % 1_000_000;
        String timestamp = "postgresql".equals(kind) ? "TIMESTAMP(3)" : "DATETIME(3)";
        List<Row> reference = new ArrayList<>();
        try (Connection c = server.connect(DATABASE);
                Statement s = c.createStatement()) {
            s.execute(
                    "CREATE TABLE "
                            + table
                            + " (id BIGINT NOT NULL PRIMARY KEY, c_vc32 VARCHAR(32), "
                            + "c_text TEXT, c_ts "
                            + timestamp
                            + ", c_bigint BIGINT, c_int INT)");
            try (PreparedStatement ps =
                    c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?, ?, ?, ?)")) {
                for (long id = 1; id <= ROWS; id++) {
                    String vc = "v" + id % 9;
                    String text = id % 5 == 0 ? null : "text-" + id + "-äöü";
                    LocalDateTime ts =
                            LocalDateTime.of(2024, 1, 1, 0, 0)
                                    .plusHours(id)
                                    .withNano((int) id * 1_000_000);
                    long bigint = id % 7;
                    int integer = (int) id * 7;
                    ps.setLong(1, id);
                    ps.setString(2, vc);
                    ps.setString(3, text);
                    ps.setObject(4, ts);
                    ps.setLong(5, bigint);
                    ps.setInt(6, integer);
                    ps.addBatch();
                    reference.add(
                            Row.of(text, bigint, integer, vc, id, ts, table, bigint * 2, DATABASE));
                }
                ps.executeBatch();
            }
        }
        String identifier = "postgresql".equals(kind) ? "flinkx-postgresql" : "flinkx-mariadb";
        tEnv.executeSql(
                "CREATE TABLE dim ("
                        + FLINK_COLUMNS
                        + ") WITH ('connector' = '"
                        + identifier
                        + "', 'url' = '"
                        + server.jdbcUrl(DATABASE)
                        + "', 'table-name' = '"
                        + table
                        + "', 'username' = '"
                        + server.user()
                        + "', 'password' = '"
                        + server.password()
                        + "', 'scan.partition.num' = '3', 'lookup.cache' = 'PARTIAL', 'lookup.partial-cache.max-rows' = '100')");
        tEnv.createTemporaryView("dim_copy", tEnv.fromValues(REFERENCE_TYPE, reference));
        return table;
    }
}
