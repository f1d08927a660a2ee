package org.flinkx.connector.es.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.ExceptionUtils;
import org.flinkx.connector.common.testutils.Failures;
import org.flinkx.connector.es.testutils.EsTestServer;
import org.flinkx.connector.es.testutils.TlsProxy;
import org.flinkx.connector.jdbc.testutils.TestClusters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS and credentials reach the client: through an HTTPS endpoint with a CA of its own that wants
 * basic authentication or an API key ({@link TlsProxy} in front of a real node), the sink writes
 * and the source reads with {@code tls.ca-certificate}; without the CA the handshake fails naming
 * the node; a certificate for another name passes only with {@code tls.verify-hostname} off; a
 * wrong password fails the job at once, without restarts, and the password is in no message.
 */
class EsSecurityITCase {

    @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.withSlots(2);

    private static final String USER = "writer";
    private static final String PASSWORD = "s3cret-Pw0rd";
    private static final String BASIC =
            "Basic "
                    + Base64.getEncoder()
                            .encodeToString(
                                    (USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));

    @TempDir Path dir;

    private static TableEnvironment batch() {
        TableEnvironment tEnv = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        tEnv.getConfig().set("parallelism.default", "1");
        tEnv.getConfig().set("restart-strategy.type", "none");
        return tEnv;
    }

    private static String table(String name, String hosts, String index, String... more) {
        StringBuilder options =
                new StringBuilder(
                        "CREATE TABLE "
                                + name
                                + " (name STRING, id BIGINT, PRIMARY KEY (id) NOT ENFORCED) WITH ("
                                + "'connector' = 'flinkx-es', 'hosts' = '"
                                + hosts
                                + "', 'index' = '"
                                + index
                                + "', 'connection.timeout' = '5s', 'sink.max-retries' = '0'");
        for (String option : more) {
            options.append(", ").append(option);
        }
        return options.append(")").toString();
    }

    private static List<String> read(TableEnvironment tEnv, String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = tEnv.executeSql(sql).collect()) {
            it.forEachRemaining(row -> rows.add(row.getField(0) + "=" + row.getField(1)));
        }
        rows.sort(null);
        return rows;
    }

    @Test
    void basicAuthOverHttpsWithACustomCa() throws Exception {
        EsTestServer node = EsTestServer.shared();
        try (TlsProxy proxy =
                TlsProxy.start(node.url(), BASIC, "ip:127.0.0.1,dns:localhost", dir)) {
            TableEnvironment tEnv = batch();
            tEnv.executeSql(
                    table(
                            "secured",
                            proxy.url(),
                            "secured-basic",
                            "'username' = '" + USER + "'",
                            "'password' = '" + PASSWORD + "'",
                            "'tls.ca-certificate' = '" + proxy.caCertificate() + "'"));
            tEnv.executeSql("INSERT INTO secured VALUES ('a', 1), ('b', 2), ('c', 3)").await();

            assertThat(read(tEnv, "SELECT id, name FROM secured"))
                    .containsExactly("1=a", "2=b", "3=c");
            assertThat(proxy.refused()).isZero();
        }
    }

    @Test
    void apiKeyOverHttps() throws Exception {
        EsTestServer node = EsTestServer.shared();
        String key = Base64.getEncoder().encodeToString("id1:api-key-value".getBytes());
        try (TlsProxy proxy = TlsProxy.start(node.url(), "ApiKey " + key, "ip:127.0.0.1", dir)) {
            TableEnvironment tEnv = batch();
            tEnv.executeSql(
                    table(
                            "keyed",
                            proxy.url(),
                            "secured-api-key",
                            "'api-key' = '" + key + "'",
                            "'tls.ca-certificate' = '" + proxy.caCertificate() + "'"));
            tEnv.executeSql("INSERT INTO keyed VALUES ('x', 7)").await();

            assertThat(node.documents("secured-api-key").keySet()).containsExactly("7");
            assertThat(proxy.refused()).isZero();
        }
    }

    @Test
    void withoutTheCaTheHandshakeFailsNamingTheNode() throws Exception {
        EsTestServer node = EsTestServer.shared();
        try (TlsProxy proxy = TlsProxy.start(node.url(), BASIC, "ip:127.0.0.1", dir)) {
            TableEnvironment tEnv = batch();
            tEnv.executeSql(
                    table(
                            "untrusted",
                            proxy.url(),
                            "secured-untrusted",
                            "'username' = '" + USER + "'",
                            "'password' = '" + PASSWORD + "'"));
            assertThatThrownBy(
                            () -> tEnv.executeSql("INSERT INTO untrusted VALUES ('a', 1)").await())
                    .satisfies(
                            e -> {
                                String text = ExceptionUtils.stringifyException(e);
                                assertThat(text).contains("127.0.0.1:" + proxy.port());
                                assertThat(text).containsIgnoringCase("certification path");
                                assertThat(text).doesNotContain(PASSWORD);
                            });
        }
    }

    @Test
    void aCertificateForAnotherNameNeedsHostnameVerificationOff() throws Exception {
        EsTestServer node = EsTestServer.shared();
        try (TlsProxy proxy = TlsProxy.start(node.url(), BASIC, "dns:es.example.com", dir)) {
            TableEnvironment tEnv = batch();
            String[] options = {
                "'username' = '" + USER + "'",
                "'password' = '" + PASSWORD + "'",
                "'tls.ca-certificate' = '" + proxy.caCertificate() + "'"
            };
            tEnv.executeSql(table("strict", proxy.url(), "secured-names", options));
            assertThatThrownBy(() -> tEnv.executeSql("INSERT INTO strict VALUES ('a', 1)").await())
                    .satisfies(
                            e ->
                                    assertThat(ExceptionUtils.stringifyException(e))
                                            .contains("127.0.0.1:" + proxy.port()));

            List<String> lenient = new ArrayList<>(List.of(options));
            lenient.add("'tls.verify-hostname' = 'false'");
            tEnv.executeSql(
                    table("lenient", proxy.url(), "secured-names", lenient.toArray(new String[0])));
            tEnv.executeSql("INSERT INTO lenient VALUES ('a', 1)").await();
            assertThat(node.documents("secured-names").keySet()).containsExactly("1");
        }
    }

    /** Even with Flink's default restarts (without end), a 401 fails the job at once. */
    @Test
    void aWrongPasswordFailsAtOnceWithoutShowingIt() throws Exception {
        EsTestServer node = EsTestServer.shared();
        try (TlsProxy proxy = TlsProxy.start(node.url(), BASIC, "ip:127.0.0.1", dir)) {
            StreamTableEnvironment tEnv =
                    StreamTableEnvironment.create(TestClusters.defaultRestarts(1));
            String wrong = "Wr0ng-Secret-Pw";
            String[] credentials = {
                "'username' = '" + USER + "'",
                "'password' = '" + wrong + "'",
                "'tls.ca-certificate' = '" + proxy.caCertificate() + "'"
            };
            tEnv.executeSql(table("sink_wrong", proxy.url(), "secured-wrong", credentials));
            Throwable[] failure = new Throwable[1];
            assertThatThrownBy(
                            () ->
                                    tEnv.executeSql("INSERT INTO sink_wrong VALUES ('a', 1)")
                                            .await(3, TimeUnit.MINUTES))
                    .satisfies(e -> failure[0] = e);
            Failures.assertNotRestarted(failure[0]);
            String text = ExceptionUtils.stringifyException(failure[0]);
            assertThat(text).contains("401").contains("security_exception");
            assertThat(text).doesNotContain(wrong);

            tEnv.executeSql(table("source_wrong", proxy.url(), "secured-wrong", credentials));
            assertThatThrownBy(
                            () ->
                                    tEnv.executeSql("SELECT * FROM source_wrong")
                                            .await(3, TimeUnit.MINUTES))
                    .satisfies(
                            e -> {
                                Failures.assertNotRestarted(e);
                                assertThat(ExceptionUtils.stringifyException(e))
                                        .contains("401")
                                        .doesNotContain(wrong);
                            });
        }
    }
}
