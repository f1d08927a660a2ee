package org.flinkx.connector.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.flinkx.connector.jdbc.testutils.TestClusters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code flinkx-jdbc} with a database FlinkX has no dialect for (H2, in this JVM): ANSI quoting and
 * the generic upsert, an UPDATE followed by an INSERT where the UPDATE touched nothing; range
 * splits planned with the SQL standard's {@code OFFSET n ROWS FETCH NEXT 1 ROWS ONLY}.
 */
class GenericJdbcH2ITCase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = TestClusters.withSlots(2);

    private static final String URL =
            "jdbc:h2:mem:generic;DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE";

    @Test
    void changelogIsUpsertedThroughUpdateThenInsert() throws Exception {
        try (Connection c = DriverManager.getConnection(URL);
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE totals (k INT PRIMARY KEY, total BIGINT)");
            s.execute("INSERT INTO totals VALUES (1, -1), (9, 9)");
        }
        StreamTableEnvironment tEnv = StreamTableEnvironment.create(TestClusters.environment(1));
        tEnv.executeSql(
                "CREATE TABLE totals (k INT, total BIGINT, PRIMARY KEY (k) NOT ENFORCED) WITH ("
                        + "'connector' = 'flinkx-jdbc', 'url' = '"
                        + URL
                        + "', 'driver' = 'org.h2.Driver', "
                        + "'table-name' = 'totals', 'sink.buffer-flush.max-rows' = '2')");
        tEnv.executeSql(
                        "INSERT INTO totals SELECT k, SUM(v) FROM (VALUES (1, 10), (2, 20), (1, 5), (3, 7)) "
                                + "AS t(k, v) GROUP BY k")
                .await();

        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(URL);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT k, total FROM totals ORDER BY k")) {
            while (rs.next()) {
                rows.add(rs.getInt(1) + "=" + rs.getLong(2));
            }
        }
        assertThat(rows).containsExactly("1=15", "2=20", "3=7", "9=9");

        List<Row> read = new ArrayList<>();
        try (CloseableIterator<Row> it =
                tEnv.executeSql("SELECT * FROM totals WHERE total > 8").collect()) {
            it.forEachRemaining(read::add);
        }
        assertThat(read.stream().map(Row::toString).sorted())
                .containsExactly("+I[1, 15]", "+I[2, 20]", "+I[9, 9]");
    }

    @Test
    void sparseAndTextKeysAreReadInParallelRangeSplits() throws Exception {
        List<String> expected = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(URL);
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE people (id BIGINT PRIMARY KEY, name VARCHAR(16))");
            for (long i = 0; i < 300; i++) {
                String name = i % 10 == 0 ? null : "n" + (i % 70);
                s.execute(
                        "INSERT INTO people VALUES ("
                                + i * i * i
                                + ", "
                                + (name == null ? "NULL" : "'" + name + "'")
                                + ")");
                expected.add("+I[" + i * i * i + ", " + name + "]");
            }
        }
        StreamTableEnvironment tEnv = StreamTableEnvironment.create(TestClusters.environment(2));
        for (String column : List.of("id", "name")) {
            tEnv.executeSql(
                    "CREATE TABLE people_by_"
                            + column
                            + " (id BIGINT, name STRING) WITH ('connector' = 'flinkx-jdbc', 'url' = '"
                            + URL
                            + "', 'driver' = 'org.h2.Driver', 'table-name' = 'people', "
                            + "'scan.partition.column' = '"
                            + column
                            + "', 'scan.partition.num' = '3')");
            List<String> read = new ArrayList<>();
            try (CloseableIterator<Row> it =
                    tEnv.executeSql("SELECT * FROM people_by_" + column).collect()) {
                it.forEachRemaining(row -> read.add(row.toString()));
            }
            assertThat(read).as("split on " + column).containsExactlyInAnyOrderElementsOf(expected);
        }
    }
}
