package org.flinkx.connector.hdfs;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.types.DataType;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.flinkx.connector.common.testutils.ReferenceQueries;
import org.flinkx.connector.hdfs.testutils.HdfsServer;
import org.flinkx.connector.jdbc.testutils.TestClusters;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The source in the combinations the planner produces: projection (the only ability it pushes down)
 * under filters, limits, aggregates and a self-join with two different projections of one table,
 * over a table partitioned by a DATE and an INT column that sit between the data columns, whose
 * columns are declared in another order than the queries use them, with a computed column and
 * {@code PROCTIME()}. Every result is compared row by row with the same query over an in-memory
 * copy of the data.
 */
class HdfsPlannerAbilitiesITCase {

    @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.withSlots(4);

    private static final String COLUMNS =
            "c_text STRING, dt DATE, id BIGINT, bucket INT, c_bigint BIGINT, "
                    + "c_ts TIMESTAMP(3), c2 AS c_bigint * 2, pt AS PROCTIME()";

    private static final DataType REFERENCE_TYPE =
            DataTypes.ROW(
                    DataTypes.FIELD("c_text", DataTypes.STRING()),
                    DataTypes.FIELD("dt", DataTypes.DATE()),
                    DataTypes.FIELD("id", DataTypes.BIGINT()),
                    DataTypes.FIELD("bucket", DataTypes.INT()),
                    DataTypes.FIELD("c_bigint", DataTypes.BIGINT()),
                    DataTypes.FIELD("c_ts", DataTypes.TIMESTAMP(3)),
                    DataTypes.FIELD("c2", DataTypes.BIGINT()));

    private static final String[] QUERIES = {
        "SELECT id, dt FROM {t} WHERE dt = DATE '2024-01-02'",
        "SELECT c2, c_text, bucket, dt FROM {t} WHERE c_bigint > 3 AND dt <> DATE '2024-01-01'",
        "SELECT dt, bucket, COUNT(*), SUM(c_bigint), MAX(c_ts) FROM {t} GROUP BY dt, bucket",
        "SELECT bucket, id FROM {t} WHERE bucket = 1 AND c_bigint < 3",
        "SELECT c_ts, id FROM {t} WHERE c_text IS NULL",
        "SELECT c_bigint, dt, c_text, id FROM {t} WHERE id IN (3, 17, 29)",
        "SELECT a.id, b.c_text, b.dt FROM {t} AS a JOIN {t} AS b ON a.id = b.id + 1 WHERE a.dt = DATE '2024-01-03'",
        "SELECT UPPER(c_text), c2 + id FROM {t} WHERE c_ts < TIMESTAMP '2024-01-02 00:00:00'",
    };

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"parquet", "orc", "csv", "json"})
    void queriesMatchAnInMemoryCopy(String format) throws Exception {
        TableEnvironment tEnv = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        tEnv.getConfig().set("parallelism.default", "2");
        List<Row> reference = new ArrayList<>();
        for (long id = 1; id <= 36; id++) {
            String text = id % 5 == 0 ? null : "text-" + id + "-ü";
            LocalDate dt = LocalDate.of(2024, 1, 1 + (int) (id % 3));
            int bucket = (int) (id % 2);
            long bigint = id % 7;
            LocalDateTime ts =
                    LocalDateTime.of(2024, 1, 1, 0, 0).plusHours(id).withNano((int) id * 1_000_000);
            reference.add(Row.of(text, dt, id, bucket, bigint, ts, bigint * 2));
        }
        tEnv.createTemporaryView("dim_copy", tEnv.fromValues(REFERENCE_TYPE, reference));
        String path = HdfsServer.uri() + "/abilities-" + format + "-" + System.nanoTime();
        tEnv.executeSql(
                "CREATE TABLE dim ("
                        + COLUMNS
                        + ") PARTITIONED BY (dt, bucket) WITH ('connector' = 'flinkx-hdfs', "
                        + "'path' = '"
                        + path
                        + "', 'format' = '"
                        + format
                        + "'"
                        // CSV writes a NULL string as an empty field unless told how to write NULL
                        + ("csv".equals(format) ? ", 'csv.null-literal' = '<null>'" : "")
                        + ")");
        tEnv.executeSql(
                        "INSERT INTO dim SELECT c_text, dt, id, bucket, c_bigint, c_ts FROM dim_copy")
                .await();

        ReferenceQueries queries = new ReferenceQueries(tEnv, "dim", "dim_copy");
        for (String query : QUERIES) {
            queries.assertSame(query);
        }
        queries.assertLimited("SELECT id, dt, c_text FROM {t} WHERE c_bigint > 1", 4);
    }
}
