package org.flinkx.connector.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.flinkx.connector.common.testutils.Failures.assertNotRestarted;
import static org.flinkx.connector.common.testutils.Failures.rootMessage;

import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.flinkx.connector.jdbc.testutils.DatabaseServer;
import org.flinkx.connector.jdbc.testutils.MariaDbServer;
import org.flinkx.connector.jdbc.testutils.PostgresServer;
import org.flinkx.connector.jdbc.testutils.TestClusters;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Failures that no restart can cure fail the job at once, even with checkpointing on, where Flink's
 * default strategy restarts without end: wrong credentials, an unknown database or table, a missing
 * driver class, an exceeded error limit. The reason is the root of the failure's chain, which is
 * what Flink's SQL client prints. (The jobs would otherwise restart until the test's timeout.)
 */
class UnrecoverableFailuresITCase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = TestClusters.withSlots(2);

    private static final String COLUMNS = "id BIGINT, name STRING";

    private static StreamTableEnvironment environment() {
        return StreamTableEnvironment.create(TestClusters.defaultRestarts(1));
    }

    private static DatabaseServer server(String kind) throws Exception {
        DatabaseServer server =
                "postgresql".equals(kind) ? PostgresServer.get() : MariaDbServer.get();
        server.createDatabase("flinkx");
        return server;
    }

    private static String with(
            String kind, String url, String table, String user, String password, String... extra) {
        StringBuilder sb =
                new StringBuilder(
                        " WITH ('connector' = 'flinkx-"
                                + kind
                                + "', 'url' = '"
                                + url
                                + "', 'table-name' = '"
                                + table
                                + "', 'username' = '"
                                + user
                                + "', 'password' = '"
                                + password
                                + "'");
        for (String option : extra) {
            sb.append(", ").append(option);
        }
        return sb.append(")").toString();
    }

    private static Throwable failureOf(StreamTableEnvironment tEnv, String insert) {
        Throwable[] failure = new Throwable[1];
        assertThatThrownBy(() -> tEnv.executeSql(insert).await(3, TimeUnit.MINUTES))
                .satisfies(e -> failure[0] = e);
        assertNotRestarted(failure[0]);
        return failure[0];
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mariadb"})
    void wrongCredentialsFailWithoutRestarts(String kind) throws Exception {
        DatabaseServer server = server(kind);
        StreamTableEnvironment tEnv = environment();
        // The wrong password equals the user name: the message must still name the user.
        tEnv.executeSql(
                "CREATE TABLE s ("
                        + COLUMNS
                        + ")"
                        + with(kind, server.jdbcUrl("flinkx"), "t", server.user(), server.user()));
        tEnv.executeSql("CREATE TABLE out_t (" + COLUMNS + ") WITH ('connector' = 'blackhole')");
        Throwable failure = failureOf(tEnv, "INSERT INTO out_t SELECT * FROM s");
        assertThat(rootMessage(failure))
                .contains("Cannot connect to")
                .contains("127.0.0.1:" + server.port())
                .contains("as user '" + server.user() + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mariadb"})
    void anUnknownTableFailsWithoutRestarts(String kind) throws Exception {
        DatabaseServer server = server(kind);
        StreamTableEnvironment tEnv = environment();
        tEnv.executeSql(
                "CREATE TABLE s ("
                        + COLUMNS
                        + ")"
                        + with(
                                kind,
                                server.jdbcUrl("flinkx"),
                                "no_such_table",
                                server.user(),
                                server.password()));
        tEnv.executeSql("CREATE TABLE out_t (" + COLUMNS + ") WITH ('connector' = 'blackhole')");
        assertThat(rootMessage(failureOf(tEnv, "INSERT INTO out_t SELECT * FROM s")))
                .contains("no_such_table");

        tEnv.executeSql(
                "CREATE TABLE d ("
                        + COLUMNS
                        + ")"
                        + with(
                                kind,
                                server.jdbcUrl("flinkx"),
                                "no_such_target",
                                server.user(),
                                server.password()));
        assertThat(rootMessage(failureOf(tEnv, "INSERT INTO d VALUES (1, 'a')")))
                .contains("no_such_target");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mariadb"})
    void anUnknownDatabaseFailsWithoutRestarts(String kind) throws Exception {
        DatabaseServer server = server(kind);
        StreamTableEnvironment tEnv = environment();
        tEnv.executeSql(
                "CREATE TABLE d ("
                        + COLUMNS
                        + ")"
                        + with(
                                kind,
                                server.jdbcUrl("no_such_db"),
                                "t",
                                server.user(),
                                server.password()));
        assertThat(rootMessage(failureOf(tEnv, "INSERT INTO d VALUES (1, 'a')")))
                .contains("no_such_db");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql"})
    void aMissingDriverClassFailsWithoutRestarts(String kind) throws Exception {
        DatabaseServer server = server(kind);
        StreamTableEnvironment tEnv = environment();
        tEnv.executeSql(
                "CREATE TABLE d ("
                        + COLUMNS
                        + ") WITH ('connector' = 'flinkx-jdbc', 'url' = '"
                        + server.jdbcUrl("flinkx")
                        + "', 'driver' = 'com.example.NoSuchDriver', 'table-name' = 't')");
        assertThat(rootMessage(failureOf(tEnv, "INSERT INTO d VALUES (1, 'a')")))
                .contains("Cannot load the JDBC driver 'com.example.NoSuchDriver'")
                .contains("flink/lib");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mariadb"})
    void anExceededErrorLimitFailsWithoutRestartsAndSaysSo(String kind) throws Exception {
        DatabaseServer server = server(kind);
        String table = "limit_" + System.nanoTime() % 100000;
        try (Connection c = server.connect("flinkx");
                Statement s = c.createStatement()) {
            s.execute(
                    "CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, name VARCHAR(4) NOT NULL)");
        }
        StreamTableEnvironment tEnv = environment();
        tEnv.executeSql(
                "CREATE TABLE d ("
                        + COLUMNS
                        + ", PRIMARY KEY (id) NOT ENFORCED)"
                        + with(
                                kind,
                                server.jdbcUrl("flinkx"),
                                table,
                                server.user(),
                                server.password(),
                                "'errors.max-count' = '1'"));
        Throwable failure =
                failureOf(
                        tEnv,
                        "INSERT INTO d VALUES (1, CAST(NULL AS STRING)), (2, 'ok'), (3, CAST(NULL AS STRING))");
        assertThat(rootMessage(failure))
                .contains("2 bad records passed the limit 'errors.max-count' = 1");
    }
}
