package org.flinkx.connector.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.flinkx.connector.jdbc.testutils.MariaDbServer;
import org.flinkx.connector.jdbc.testutils.TestClusters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * MariaDB types read and written through flinkx-mariadb, with the JVM in a non-UTC zone
 * (Asia/Shanghai, set by the build) and the server in UTC.
 */
class MariaDbTypesITCase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = TestClusters.withSlots(2);

    private static final String COLUMNS =
            "id INT, flag BOOLEAN, bit1 BOOLEAN, bits BYTES, u8 SMALLINT, u32 BIGINT, u64 DECIMAL(20, 0), "
                    + "i64 BIGINT, f FLOAT, d DOUBLE, dec38 DECIMAL(38, 10), txt STRING, js STRING, "
                    + "color STRING, tags STRING, bin BYTES, blb BYTES, dt DATE, tm TIME(3), "
                    + "dtm TIMESTAMP(6), ts TIMESTAMP_LTZ(6), PRIMARY KEY (id) NOT ENFORCED";

    private static MariaDbServer server;

    @BeforeAll
    static void createTables() throws Exception {
        assertThat(ZoneId.systemDefault().getId()).isEqualTo("Asia/Shanghai");
        server = MariaDbServer.get();
        server.createDatabase("flinkx");
        try (Connection c = server.connect("flinkx");
                Statement s = c.createStatement()) {
            s.execute("SET time_zone = '+00:00'");
            for (String table : List.of("maria_types_src", "maria_types_dst")) {
                s.execute("DROP TABLE IF EXISTS " + table);
                s.execute(
                        "CREATE TABLE "
                                + table
                                + " (id INT PRIMARY KEY, flag TINYINT(1), bit1 BIT(1), "
                                + "bits BIT(16), u8 TINYINT UNSIGNED, u32 INT UNSIGNED, u64 BIGINT UNSIGNED, i64 BIGINT, "
                                + "f FLOAT, d DOUBLE, dec38 DECIMAL(38,10), txt VARCHAR(100), js JSON, "
                                + "color ENUM('red','green','blue'), tags SET('a','b','c'), bin BINARY(3), "
                                + "blb BLOB, dt DATE, tm TIME(3), dtm DATETIME(6), ts TIMESTAMP(6) NULL) "
                                + "CHARACTER SET utf8mb4");
            }
            s.execute(
                    "INSERT INTO maria_types_src VALUES (1, 1, b'1', b'1000000000000001', 255, 4294967295, "
                            + "18446744073709551615, -9223372036854775808, 1.5, -2.25, "
                            + "1234567890123456789012345678.0123456789, 'héllo 世界 😀', '{\"a\": [1, 2]}', 'blue', 'a,c', "
                            + "x'00ff10', x'cafebabe', '2024-02-29', '23:59:58.123', '2024-03-31 02:30:00.123456', "
                            + "'2024-01-01 00:00:00.500000')");
            s.execute("INSERT INTO maria_types_src (id) VALUES (2)");
        }
    }

    private StreamTableEnvironment tableEnv() {
        StreamTableEnvironment tEnv = StreamTableEnvironment.create(TestClusters.environment(1));
        for (String table : List.of("maria_types_src", "maria_types_dst")) {
            tEnv.executeSql(
                    "CREATE TABLE "
                            + table
                            + " ("
                            + COLUMNS
                            + ") WITH ('connector' = 'flinkx-mariadb', "
                            + "'url' = '"
                            + server.jdbcUrl("flinkx")
                            + "', 'table-name' = '"
                            + table
                            + "', "
                            + "'username' = '"
                            + server.user()
                            + "', 'password' = '"
                            + server.password()
                            + "')");
        }
        return tEnv;
    }

    @Test
    void readsEveryTypeIntoTheRightFlinkValue() throws Exception {
        List<Row> rows = new ArrayList<>();
        try (CloseableIterator<Row> it =
                tableEnv().executeSql("SELECT * FROM maria_types_src").collect()) {
            it.forEachRemaining(rows::add);
        }
        rows.sort(java.util.Comparator.comparing(row -> (Integer) row.getField("id")));
        assertThat(rows).hasSize(2);
        Row r = rows.get(0);
        assertThat(r.getField("flag")).isEqualTo(true);
        assertThat(r.getField("bit1")).isEqualTo(true);
        assertThat((byte[]) r.getField("bits")).containsExactly(0x80, 0x01);
        assertThat(r.getField("u8")).isEqualTo((short) 255);
        assertThat(r.getField("u32")).isEqualTo(4294967295L);
        assertThat(r.getField("u64")).isEqualTo(new BigDecimal("18446744073709551615"));
        assertThat(r.getField("i64")).isEqualTo(Long.MIN_VALUE);
        assertThat(r.getField("f")).isEqualTo(1.5f);
        assertThat(r.getField("d")).isEqualTo(-2.25);
        assertThat(r.getField("dec38"))
                .isEqualTo(new BigDecimal("1234567890123456789012345678.0123456789"));
        assertThat(r.getField("txt")).isEqualTo("héllo 世界 😀");
        assertThat(r.getField("js")).isEqualTo("{\"a\": [1, 2]}");
        assertThat(r.getField("color")).isEqualTo("blue");
        assertThat(r.getField("tags")).isEqualTo("a,c");
        assertThat((byte[]) r.getField("bin")).containsExactly(0x00, 0xff, 0x10);
        assertThat((byte[]) r.getField("blb")).containsExactly(0xca, 0xfe, 0xba, 0xbe);
        assertThat(r.getField("dt")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(r.getField("tm")).isEqualTo(LocalTime.of(23, 59, 58, 123_000_000));
        assertThat(r.getField("dtm"))
                .isEqualTo(LocalDateTime.of(2024, 3, 31, 2, 30, 0, 123_456_000));
        // Inserted as 00:00:00.5 in a UTC session: the instant, whatever the JVM's zone.
        assertThat(r.getField("ts")).isEqualTo(Instant.parse("2024-01-01T00:00:00.5Z"));
        Row empty = rows.get(1);
        for (int i = 1; i < empty.getArity(); i++) {
            assertThat(empty.getField(i)).as("field %d of the row of NULLs", i).isNull();
        }
    }

    @Test
    void writesEveryTypeBackUnchanged() throws Exception {
        tableEnv().executeSql("INSERT INTO maria_types_dst SELECT * FROM maria_types_src").await();
        String columns =
                "id, flag, bit1 + 0, bits + 0, u8, u32, u64, i64, f, d, dec38, txt, js, color, tags, "
                        + "HEX(bin), HEX(blb), dt, tm, dtm, UNIX_TIMESTAMP(ts)";
        assertThat(rows("SELECT " + columns + " FROM maria_types_dst ORDER BY id"))
                .isEqualTo(rows("SELECT " + columns + " FROM maria_types_src ORDER BY id"));
    }

    private static List<List<String>> rows(String sql) throws Exception {
        return server.query("flinkx", sql);
    }
}
