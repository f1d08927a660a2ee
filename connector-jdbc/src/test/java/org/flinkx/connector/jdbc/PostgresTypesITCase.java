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
import org.flinkx.connector.jdbc.testutils.PostgresServer;
import org.flinkx.connector.jdbc.testutils.TestClusters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PostgreSQL types read and written through flinkx-postgresql, with the JVM in a non-UTC zone
 * (Asia/Shanghai, set by the build) and the server in UTC.
 */
class PostgresTypesITCase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = TestClusters.withSlots(2);

    private static final String COLUMNS =
            "id INT, b BOOLEAN, bit1 BOOLEAN, i2 SMALLINT, i8 BIGINT, r FLOAT, d DOUBLE, "
                    + "small_dec DECIMAL(5, 2), big_dec DECIMAL(38, 10), txt STRING, js STRING, jsb STRING, "
                    + "u STRING, mood STRING, bin BYTES, dt DATE, tm TIME(3), ts TIMESTAMP(6), tstz TIMESTAMP_LTZ(6), "
                    + "ints ARRAY<INT>, texts ARRAY<STRING>, PRIMARY KEY (id) NOT ENFORCED";

    private static PostgresServer server;

    @BeforeAll
    static void createTables() throws Exception {
        assertThat(ZoneId.systemDefault().getId()).isEqualTo("Asia/Shanghai");
        server = PostgresServer.get();
        server.createDatabase("flinkx");
        try (Connection c = server.connect("flinkx");
                Statement s = c.createStatement()) {
            s.execute("DROP TYPE IF EXISTS mood_t CASCADE");
            s.execute("CREATE TYPE mood_t AS ENUM ('sad', 'ok', 'happy')");
            for (String table : List.of("pg_types_src", "pg_types_dst")) {
                s.execute("DROP TABLE IF EXISTS " + table);
                s.execute(
                        "CREATE TABLE "
                                + table
                                + " (id INT PRIMARY KEY, b BOOLEAN, bit1 BIT(1), i2 SMALLINT, "
                                + "i8 BIGINT, r REAL, d DOUBLE PRECISION, small_dec NUMERIC(5,2), big_dec NUMERIC(38,10), "
                                + "txt TEXT, js JSON, jsb JSONB, u UUID, mood mood_t, bin BYTEA, dt DATE, tm TIME(3), "
                                + "ts TIMESTAMP(6), tstz TIMESTAMPTZ(6), ints INT[], texts TEXT[])");
            }
            s.execute(
                    "INSERT INTO pg_types_src VALUES (1, true, B'1', -32768, 9223372036854775807, 1.5, "
                            + "-2.25, 123.45, 1234567890123456789012345678.0123456789, 'héllo 世界', '{\"a\": 1}', "
                            + "'{\"b\": [1, 2]}', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'happy', '\\x00ff10', "
                            + "'2024-02-29', '23:59:58.123', '2024-03-31 02:30:00.123456', "
                            + "'2024-01-01 00:00:00.5+00', '{1,2,NULL}', '{\"x\",\"y z\"}')");
            s.execute("INSERT INTO pg_types_src (id) VALUES (2)");
        }
    }

    private StreamTableEnvironment tableEnv() {
        StreamTableEnvironment tEnv = StreamTableEnvironment.create(TestClusters.environment(1));
        for (String table : List.of("pg_types_src", "pg_types_dst")) {
            tEnv.executeSql(
                    "CREATE TABLE "
                            + table
                            + " ("
                            + COLUMNS
                            + ") WITH ('connector' = 'flinkx-postgresql', "
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
                tableEnv().executeSql("SELECT * FROM pg_types_src").collect()) {
            it.forEachRemaining(rows::add);
        }
        rows.sort(java.util.Comparator.comparing(row -> (Integer) row.getField("id")));
        assertThat(rows).hasSize(2);
        Row r = rows.get(0);
        assertThat(r.getField("b")).isEqualTo(true);
        assertThat(r.getField("bit1")).isEqualTo(true);
        assertThat(r.getField("i2")).isEqualTo((short) -32768);
        assertThat(r.getField("i8")).isEqualTo(Long.MAX_VALUE);
        assertThat(r.getField("r")).isEqualTo(1.5f);
        assertThat(r.getField("d")).isEqualTo(-2.25);
        assertThat(r.getField("small_dec")).isEqualTo(new BigDecimal("123.45"));
        assertThat(r.getField("big_dec"))
                .isEqualTo(new BigDecimal("1234567890123456789012345678.0123456789"));
        assertThat(r.getField("txt")).isEqualTo("héllo 世界");
        assertThat(r.getField("js")).isEqualTo("{\"a\": 1}");
        assertThat(r.getField("jsb")).isEqualTo("{\"b\": [1, 2]}");
        assertThat(r.getField("u")).isEqualTo("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
        assertThat(r.getField("mood")).isEqualTo("happy");
        assertThat((byte[]) r.getField("bin")).containsExactly(0x00, 0xff, 0x10);
        assertThat(r.getField("dt")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(r.getField("tm")).isEqualTo(LocalTime.of(23, 59, 58, 123_000_000));
        // 02:30 does not exist in some zones on that night; as a TIMESTAMP it is wall-clock time,
        // unshifted.
        assertThat(r.getField("ts"))
                .isEqualTo(LocalDateTime.of(2024, 3, 31, 2, 30, 0, 123_456_000));
        assertThat(r.getField("tstz")).isEqualTo(Instant.parse("2024-01-01T00:00:00.5Z"));
        assertThat((Integer[]) r.getField("ints")).containsExactly(1, 2, null);
        assertThat((String[]) r.getField("texts")).containsExactly("x", "y z");
        Row empty = rows.get(1);
        for (int i = 1; i < empty.getArity(); i++) {
            assertThat(empty.getField(i)).as("field %d of the row of NULLs", i).isNull();
        }
    }

    @Test
    void writesEveryTypeBackUnchanged() throws Exception {
        StreamTableEnvironment tEnv = tableEnv();
        tEnv.executeSql("INSERT INTO pg_types_dst SELECT * FROM pg_types_src").await();
        String columns =
                "id, b, bit1, i2, i8, r, d, small_dec, big_dec, txt, js::text, jsb::text, u::text, "
                        + "mood::text, encode(bin, 'hex'), dt, tm, ts, tstz, ints::text, texts::text";
        assertThat(rows("SELECT " + columns + " FROM pg_types_dst ORDER BY id"))
                .isEqualTo(rows("SELECT " + columns + " FROM pg_types_src ORDER BY id"));
    }

    private static List<List<String>> rows(String sql) throws Exception {
        return server.query("flinkx", sql);
    }
}
