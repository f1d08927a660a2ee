package org.flinkx.connector.starrocks.testserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The FE → BE redirect, Basic auth, {@code Expect: 100-continue} and the request log. */
class StreamLoadProtocolTest {

    private static StarRocksTestServer server;
    private static StreamLoadTestClient client;

    @BeforeAll
    static void start() throws Exception {
        server = StarRocksTestServer.start("loader", "s3cret", 2);
        server.createTable(
                "db", "t", List.of("id INT", "name VARCHAR(10)"), "id", TableModel.PRIMARY_KEY);
        client = new StreamLoadTestClient("loader", "s3cret");
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        server.close();
    }

    @Test
    void loadThroughTheFeIsRedirectedToABeWithTheCredentials() throws Exception {
        server.clearRequests();
        var answer =
                client.streamLoad(
                        server.feUrl(),
                        "db",
                        "t",
                        Map.of("label", "redirect-1", "column_separator", ","),
                        "1,a\n2,b\n");

        assertThat(answer.code()).isEqualTo(200);
        assertThat(answer.get("Status")).isEqualTo("Success");
        assertThat(answer.get("NumberLoadedRows")).isEqualTo(2);
        List<LoggedRequest> log = server.requests();
        assertThat(log).extracting(LoggedRequest::node).contains("fe");
        LoggedRequest onBe = log.get(log.size() - 1);
        assertThat(onBe.node()).startsWith("be");
        assertThat(onBe.method()).isEqualTo("PUT");
        assertThat(onBe.header("authorization")).isEqualTo("Basic loader:***");
        assertThat(onBe.header("label")).isEqualTo("redirect-1");
        assertThat(log)
                .allSatisfy(r -> assertThat(r.headers().toString()).doesNotContain("s3cret"));
    }

    @Test
    void wrongPasswordIsRefusedOnFeAndBe() throws Exception {
        try (var wrong = new StreamLoadTestClient("loader", "nope")) {
            var onFe = wrong.streamLoad(server.feUrl(), "db", "t", Map.of(), "1\tx\n");
            var onBe =
                    wrong.send(
                            "PUT",
                            server.beUrls().get(0) + "/api/db/t/_stream_load",
                            Map.of(),
                            "1\tx\n");
            assertThat(onFe.code()).isEqualTo(401);
            assertThat(onBe.code()).isEqualTo(401);
        }
    }

    @Test
    void feAnswers307BeforeTheBodyAndOnlyABeSends100Continue() throws Exception {
        String auth =
                Base64.getEncoder()
                        .encodeToString("loader:s3cret".getBytes(StandardCharsets.UTF_8));
        String body = "7\tseven\n";
        String head =
                "PUT /api/db/t/_stream_load HTTP/1.1\r\n"
                        + "Host: 127.0.0.1\r\n"
                        + "Authorization: Basic "
                        + auth
                        + "\r\n"
                        + "Expect: 100-continue\r\n"
                        + "Content-Length: "
                        + body.length()
                        + "\r\n\r\n";

        URI fe = URI.create(server.feUrl());
        String location;
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), fe.getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            var in =
                    new BufferedReader(
                            new InputStreamReader(
                                    socket.getInputStream(), StandardCharsets.US_ASCII));
            assertThat(in.readLine()).startsWith("HTTP/1.1 307");
            location = headerValue(in, "location");
        }
        assertThat(location).startsWith("http://127.0.0.1:").endsWith("/api/db/t/_stream_load");
        assertThat(server.beUrls()).anySatisfy(be -> assertThat(location).startsWith(be));

        URI be = URI.create(location);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), be.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(
                    head.replace("Host: 127.0.0.1", "Host: 127.0.0.1:" + be.getPort())
                            .getBytes(StandardCharsets.US_ASCII));
            var in =
                    new BufferedReader(
                            new InputStreamReader(
                                    socket.getInputStream(), StandardCharsets.US_ASCII));
            assertThat(in.readLine()).startsWith("HTTP/1.1 100");
            assertThat(in.readLine()).isEmpty();
            out.write(body.getBytes(StandardCharsets.US_ASCII));
            assertThat(in.readLine()).startsWith("HTTP/1.1 200");
        }
        assertThat(server.rows("db", "t")).contains(Map.of("id", "7", "name", "seven"));
    }

    @Test
    void getLoadStateAnswersTheLabelsState() throws Exception {
        client.streamLoad(server.feUrl(), "db", "t", Map.of("label", "state-1"), "3\tc\n");

        var known = client.get(server.feUrl() + "/api/db/get_load_state?label=state-1");
        var unknown = client.get(server.feUrl() + "/api/db/get_load_state?label=never");

        assertThat(known.get("state")).isEqualTo("VISIBLE");
        assertThat(known.get("status")).isEqualTo("OK");
        assertThat(unknown.get("state")).isEqualTo("UNKNOWN");
    }

    private static String headerValue(BufferedReader in, String name) throws Exception {
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }
}
