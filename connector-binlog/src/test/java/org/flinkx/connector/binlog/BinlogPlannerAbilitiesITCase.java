package org.flinkx.connector.binlog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.types.DataType;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.flinkx.connector.common.testutils.ReferenceQueries;
import org.flinkx.connector.jdbc.testutils.MariaDbServer;
import org.flinkx.connector.jdbc.testutils.TestClusters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The source in the combinations the planner produces: filters and projections over it (it pushes
 * neither down), metadata columns between physical ones, a computed column and {@code PROCTIME()},
 * over a table whose Flink DDL declares a subset of the server's columns in another order. The
 * chunked snapshot's rows are compared row by row with the same query over an in-memory copy.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class BinlogPlannerAbilitiesITCase {

    @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.withSlots(2);

    private static final String COLUMNS =
            "c_text STRING, c_bigint BIGINT, c_vc32 STRING, id BIGINT NOT NULL, "
                    + "tbl STRING METADATA FROM 'table_name' VIRTUAL, c2 AS c_bigint * 2, "
                    + "db STRING METADATA FROM 'database_name' VIRTUAL, pt AS PROCTIME(), PRIMARY KEY (id) NOT ENFORCED";

    private static final DataType REFERENCE_TYPE =
            DataTypes.ROW(
                    DataTypes.FIELD("c_text", DataTypes.STRING()),
                    DataTypes.FIELD("c_bigint", DataTypes.BIGINT()),
                    DataTypes.FIELD("c_vc32", DataTypes.STRING()),
                    DataTypes.FIELD("id", DataTypes.BIGINT().notNull()),
                    DataTypes.FIELD("tbl", DataTypes.STRING()),
                    DataTypes.FIELD("c2", DataTypes.BIGINT()),
                    DataTypes.FIELD("db", DataTypes.STRING()));

    private static final String[] QUERIES = {
        "SELECT id, c_vc32, db FROM {t} WHERE c_bigint > 2",
        "SELECT c2, tbl, c_text FROM {t} WHERE c_text IS NULL OR id < 5",
        "SELECT UPPER(c_vc32), id, c_bigint FROM {t} WHERE c_vc32 LIKE 'v1%'",
        "SELECT tbl, id, db, c2 + id FROM {t}",
    };

    @Test
    void snapshotQueriesMatchAnInMemoryCopy() throws Exception {
        MariaDbServer server = MariaDbServer.get();
        server.createDatabase("cdc");
        String table = "abilities_" + System.nanoTime() % 1_000_000;
        List<Row> reference = new ArrayList<>();
        try (Connection c = server.connect("cdc");
                Statement s = c.createStatement()) {
            s.execute(
                    "CREATE TABLE "
                            + table
                            + " (id BIGINT NOT NULL PRIMARY KEY, c_vc32 VARCHAR(32), "
                            + "c_text TEXT, c_ts DATETIME(3), c_bigint BIGINT, c_int INT)");
            try (PreparedStatement ps =
                    c.prepareStatement(
                            "INSERT INTO " + table + " VALUES (?, ?, ?, NOW(3), ?, ?)")) {
                for (long id = 1; id <= 30; id++) {
                    String vc = "v" + id % 9;
                    String text = id % 5 == 0 ? null : "text-" + id + "-ü";
                    long bigint = id % 7;
                    ps.setLong(1, id);
                    ps.setString(2, vc);
                    ps.setString(3, text);
                    ps.setLong(4, bigint);
                    ps.setInt(5, (int) id * 3);
                    ps.addBatch();
                    reference.add(Row.of(text, bigint, vc, id, table, bigint * 2, "cdc"));
                }
                ps.executeBatch();
            }
        }
        StreamTableEnvironment tEnv = StreamTableEnvironment.create(TestClusters.environment(2));
        tEnv.executeSql(
                "CREATE TABLE dim ("
                        + COLUMNS
                        + ") WITH ('connector' = 'flinkx-binlog', "
                        + "'hostname' = '127.0.0.1', 'port' = '"
                        + server.port()
                        + "', 'username' = '"
                        + server.user()
                        + "', 'password' = '"
                        + server.password()
                        + "', 'tables' = 'cdc\\."
                        + table
                        + "', "
                        + "'scan.snapshot.chunk-size' = '8')");
        tEnv.createTemporaryView("dim_copy", tEnv.fromValues(REFERENCE_TYPE, reference));
        ReferenceQueries queries = new ReferenceQueries(tEnv, "dim", "dim_copy");
        for (String query : QUERIES) {
            queries.assertSameUnbounded(query);
        }
    }
}
