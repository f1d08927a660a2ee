package org.flinkx.connector.es.source;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A stand-in for a cluster that answers what a test says (an error no real test node gives: 401,
 * 403, an Elasticsearch 8 point in time) and records the requests.
 */
public final class StubCluster implements AutoCloseable {

    /** A request: method, path with its query, body. */
    public record Request(String method, String path, String body) {}

    /** An answer: status and JSON body. */
    public record Answer(int status, String body) {}

    private final HttpServer server;
    public final List<Request> requests = new CopyOnWriteArrayList<>();

    public StubCluster(Function<Request, Answer> answers) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(
                "/",
                exchange -> {
                    String body =
                            new String(
                                    exchange.getRequestBody().readAllBytes(),
                                    StandardCharsets.UTF_8);
                    Request request =
                            new Request(
                                    exchange.getRequestMethod(),
                                    exchange.getRequestURI().toString(),
                                    body);
                    requests.add(request);
                    Answer answer = answers.apply(request);
                    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(answer.status(), bytes.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(bytes);
                    }
                });
        server.start();
    }

    /** {@code GET /} of a distribution and version. */
    public static Answer info(boolean openSearch, String version, String flavor) {
        return new Answer(
                200,
                "{\"name\":\"stub\",\"version\":{"
                        + (openSearch ? "\"distribution\":\"opensearch\"," : "")
                        + "\"number\":\""
                        + version
                        + "\",\"build_flavor\":\""
                        + flavor
                        + "\"},\"tagline\":\"stub\"}");
    }

    public static Answer error(int status, String type, String reason) {
        return new Answer(
                status,
                "{\"error\":{\"root_cause\":[{\"type\":\""
                        + type
                        + "\",\"reason\":\""
                        + reason
                        + "\"}],\"type\":\""
                        + type
                        + "\",\"reason\":\""
                        + reason
                        + "\"},\"status\":"
                        + status
                        + "}");
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
