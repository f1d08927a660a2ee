package org.flinkx.connector.starrocks.ddl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.flinkx.connector.jdbc.testutils.ReviewedFiles.resource;
import static org.flinkx.connector.jdbc.testutils.ReviewedFiles.reviewed;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.flinkx.connector.jdbc.catalog.DatabaseTable;
import org.flinkx.connector.jdbc.catalog.MySqlSchemas;
import org.flinkx.connector.jdbc.testutils.MariaDbServer;
import org.flinkx.connector.jdbc.testutils.TestClusters;
import org.flinkx.connector.starrocks.testserver.StarRocksTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The StarRocks table generated for a MariaDB table of every MySQL type, read from the server's
 * {@code information_schema}: compared with the reviewed statement in {@code
 * ddl/wide_types.starrocks.sql}, created on the test server from that statement, and loaded by
 * flinkx-starrocks from the table through a flinkx-mariadb catalog (no DDL on the Flink side): the
 * widest values (multi-byte strings at full length, the largest unsigned numbers) fit the generated
 * types, byte lengths included.
 */
class StarRocksCreateTableITCase {

    @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.withSlots(2);

    private static final String DB = "sr_ddl";
    private static final String EMOJI = "\uD83D\uDE00"; // 4 bytes in UTF-8

    private static MariaDbServer maria;
    private static StarRocksTestServer starRocks;

    @BeforeAll
    static void createTables() throws Exception {
        maria = MariaDbServer.get();
        maria.createDatabase(DB);
        starRocks = StarRocksTestServer.start("root", "sr-pw", 1);
        try (Connection c = maria.connect(DB);
                Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS wide_types");
            // the key's columns declared apart and after others: the generated table puts them
            // first, in the key's order; every MySQL type MariaDB has (ddl/wide_types.mariadb.sql,
            // also used by the sync
            // module's tests)
            s.execute(resource("/ddl/wide_types.mariadb.sql"));
            s.execute(
                    "INSERT INTO wide_types VALUES (-128, 1, 255, '"
                            + EMOJI.repeat(20)
                            + "', -32768, 65535, -8388608, 16777215, -2147483648, 4294967295, "
                            + "-9223372036854775808, 18446744073709551615, 12345678.91, "
                            + "12345678901234567890123456789012345.123456789012345678901234567890, "
                            + "99999999999999999999999999999999999999, 1.5, 2.25, b'1', TRUE, '"
                            + EMOJI.repeat(10)
                            + "', 'abcdefghij', '"
                            + EMOJI.repeat(100)
                            + "', '"
                            + EMOJI.repeat(255)
                            + "', '"
                            + "\u00e9".repeat(100)
                            + "', 'tiny', 'text', 'medium', 'long', '{\"k\": [1, 2]}', 'ccc', "
                            + "'x,y', '2024-02-29', '2024-02-29 23:59:59', "
                            + "'2024-02-29 23:59:59.123456', '2024-02-29 10:00:00.123', "
                            + "'23:59:59', '12:34:56.789', 2155)");
            s.execute("INSERT INTO wide_types (code, id, c_int) VALUES ('second', 2, 0)");
        }
    }

    @AfterAll
    static void dropTables() throws Exception {
        try (Connection c = maria.connect(DB);
                Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS wide_types");
            s.execute("DROP TABLE IF EXISTS with_blob");
        }
        if (starRocks != null) {
            starRocks.close();
        }
    }

    @Test
    void theGeneratedTableIsTheReviewedOneAndTakesTheWidestValues() throws Exception {
        String statement = generated("wide_types");
        assertThat(statement + ";\n")
                .isEqualTo(reviewed("/ddl/wide_types.starrocks.sql", statement + ";\n"));

        starRocks.execute(statement);
        assertThat(starRocks.columnTypes("lake", "wide_types"))
                .containsEntry("code", "VARCHAR(80)")
                .containsEntry("id", "LARGEINT");

        TableEnvironment tEnv = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        tEnv.getConfig().set("parallelism.default", "1");
        tEnv.getConfig().set("table.local-time-zone", "UTC");
        tEnv.executeSql(
                "CREATE CATALOG src WITH ('type' = 'flinkx-mariadb', 'url' = '"
                        + maria.jdbcUrl(DB)
                        + "', 'username' = '"
                        + maria.user()
                        + "', 'password' = '"
                        + maria.password()
                        + "')");
        tEnv.executeSql(
                "CREATE TEMPORARY TABLE sr WITH ('connector' = 'flinkx-starrocks', "
                        + "'jdbc-url' = 'jdbc:mysql://127.0.0.1:9030', 'load-url' = '"
                        + starRocks.feAddress()
                        + "', 'database-name' = 'lake', 'table-name' = 'wide_types', "
                        + "'username' = 'root', 'password' = 'sr-pw') "
                        + "LIKE src."
                        + DB
                        + ".wide_types");
        tEnv.executeSql("INSERT INTO sr SELECT * FROM src." + DB + ".wide_types").await();

        List<Map<String, String>> rows = starRocks.rows("lake", "wide_types");
        assertThat(rows).hasSize(2);
        Map<String, String> wide =
                rows.stream()
                        .filter(r -> "18446744073709551615".equals(r.get("id")))
                        .findFirst()
                        .orElseThrow();
        assertThat(wide)
                .containsEntry("code", EMOJI.repeat(20))
                .containsEntry("c_char_long", EMOJI.repeat(100))
                .containsEntry("c_varchar", EMOJI.repeat(255))
                .containsEntry("c_varchar_utf8", "\u00e9".repeat(100))
                .containsEntry("c_int_u", "4294967295")
                .containsEntry(
                        "c_decimal_wide",
                        "12345678901234567890123456789012345.123456789012345678901234567890")
                .containsEntry("c_json", "{\"k\": [1, 2]}")
                .containsEntry("c_set", "x,y")
                .containsEntry("c_time3", "12:34:56.789")
                .containsEntry("c_timestamp", "2024-02-29 10:00:00.123")
                .containsEntry("c_year", "2155");
        Map<String, String> sparse =
                rows.stream().filter(r -> "2".equals(r.get("id"))).findFirst().orElseThrow();
        assertThat(sparse).containsEntry("code", "second").containsEntry("c_text", null);
    }

    @Test
    void aTableWithABinaryColumnIsRefusedNamingTheColumn() throws Exception {
        try (Connection c = maria.connect(DB);
                Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS with_blob");
            s.execute("CREATE TABLE with_blob (id INT PRIMARY KEY, payload BLOB)");
        }
        assertThatThrownBy(() -> generated("with_blob"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'payload'")
                .hasMessageContaining(DB + ".with_blob")
                .hasMessageContaining("blob");
    }

    private static String generated(String table) throws Exception {
        DatabaseTable source;
        try (Connection c = maria.connect(DB)) {
            source = new MySqlSchemas().table(c, DB, table).orElseThrow();
        }
        return StarRocksCreateTable.of(
                DB + "." + table,
                "lake",
                table,
                source.columns(),
                source.primaryKey(),
                4,
                Map.of("replication_num", "1"));
    }
}
