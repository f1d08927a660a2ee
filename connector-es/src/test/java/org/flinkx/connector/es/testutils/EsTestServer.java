package org.flinkx.connector.es.testutils;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.flinkx.connector.es.client.EsClient;
import org.flinkx.connector.es.client.ServerInfo;
import org.flinkx.connector.es.config.EsConnection;

/**
 * A real Elasticsearch 7.10 or OpenSearch 2.19 node on 127.0.0.1, in a child JVM of its own on the
 * class path the module {@code test-servers/<server>} wrote (so its Lucene, Jackson and log4j never
 * meet the test's). Which one comes from the system property {@code flinkx.es.server} ({@code
 * elasticsearch7}, the default, or {@code opensearch2}): connector-es runs its ITs once with each.
 * {@link #shared()} is one node per test JVM; {@link #start} a node of one's own (with settings
 * such as a tiny write queue). The node stops when it is closed or when the test JVM ends (it
 * watches its standard input).
 */
public final class EsTestServer implements AutoCloseable {

    public static final String ELASTICSEARCH_7 = "elasticsearch7";
    public static final String OPENSEARCH_2 = "opensearch2";

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static EsTestServer shared;

    private final String server;
    private final Process process;
    private final OutputStream stdin;
    private final int port;
    private final Path log;
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private EsClient client;

    private EsTestServer(String server, Process process, int port, Path log) throws IOException {
        this.server = server;
        this.process = process;
        this.stdin = process.getOutputStream();
        this.port = port;
        this.log = log;
    }

    /** Which server the tests of this JVM run against. */
    public static String serverKind() {
        return System.getProperty("flinkx.es.server", ELASTICSEARCH_7);
    }

    /** The node shared by the tests of this JVM, started on first use. */
    public static synchronized EsTestServer shared() throws IOException {
        if (shared == null || !shared.process.isAlive()) {
            shared = start();
            EsTestServer node = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(node::close));
        }
        return shared;
    }

    /** A node of the caller's own, with extra settings ({@code thread_pool.write.queue_size=1}). */
    public static EsTestServer start(String... settings) throws IOException {
        String server = serverKind();
        Path module = moduleDir().resolve("test-servers").resolve(server);
        Path classPathFile = module.resolve("target/server.classpath");
        if (!Files.exists(classPathFile)) {
            throw new IllegalStateException(
                    classPathFile.toAbsolutePath()
                            + " is missing: build test-servers/"
                            + server
                            + " first (mvn -pl connector-es -am)");
        }
        String classPath =
                module.resolve("target/classes")
                        + File.pathSeparator
                        + Files.readString(classPathFile).trim();
        int http = freePort();
        int transport = freePort();
        Path target = Path.of("target").toAbsolutePath();
        Path data = Files.createTempDirectory(target, server + "-" + http + "-");
        Path log = target.resolve(server + "-" + http + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xms512m");
        command.add("-Xmx512m");
        command.add("-XX:+UseSerialGC");
        command.add("-Dlog4j2.disable.jmx=true");
        command.add("-cp");
        command.add(classPath);
        command.add(
                server.equals(OPENSEARCH_2)
                        ? "org.flinkx.testserver.opensearch2.OpenSearchServer"
                        : "org.flinkx.testserver.elasticsearch7.ElasticsearchServer");
        command.add(String.valueOf(http));
        command.add(String.valueOf(transport));
        command.add(data.toString());
        command.addAll(List.of(settings));
        Process process =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
        EsTestServer node = new EsTestServer(server, process, http, log);
        node.awaitReady();
        return node;
    }

    private void awaitReady() throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(
                        server + " exited with " + process.exitValue() + "; see " + log);
            }
            if (Files.readString(log, StandardCharsets.ISO_8859_1).contains("READY " + port)) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
        close();
        throw new IOException(server + " did not start within " + START_TIMEOUT + "; see " + log);
    }

    public String kind() {
        return server;
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:<port>}, the value of the option 'hosts'. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public EsConnection connection() {
        return new EsConnection(
                List.of(URI.create(url())),
                "",
                null,
                null,
                null,
                null,
                true,
                Duration.ofSeconds(10),
                Duration.ofSeconds(60));
    }

    /**
     * FlinkX's client of this node, for tests of the connector's own calls. The helpers below do
     * not use it (they talk HTTP with the JDK's client and Jackson of their own), so they work
     * beside a flink-lib jar whose Jackson is relocated.
     */
    public synchronized EsClient client() throws IOException {
        if (client == null) {
            client = new EsClient(connection());
        }
        return client;
    }

    public ServerInfo info() throws IOException {
        return client().info();
    }

    // ------------------------------------------------------------------ test data

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Creates an index with this many shards, no replicas, and the given mapping properties. */
    public void createIndex(String index, int shards, String propertiesJson) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("settings").put("number_of_shards", shards).put("number_of_replicas", 0);
        if (propertiesJson != null) {
            body.putObject("mappings").set("properties", JSON.readTree(propertiesJson));
        }
        call("PUT", "/" + index, body.toString());
    }

    public void deleteIndex(String index) throws IOException {
        HttpResponse<String> answer = request("DELETE", "/" + index, null, "application/json");
        if (answer.statusCode() >= 400 && answer.statusCode() != 404) {
            throw new IOException("DELETE /" + index + " answered " + answer.body());
        }
    }

    /** Indexes documents by id (a map of id to {@code _source}) and refreshes the index. */
    public void index(String index, Map<String, ?> documents) throws IOException {
        StringBuilder body = new StringBuilder();
        for (Map.Entry<String, ?> document : documents.entrySet()) {
            body.append("{\"index\":{\"_id\":")
                    .append(JSON.writeValueAsString(document.getKey()))
                    .append("}}\n")
                    .append(JSON.writeValueAsString(document.getValue()))
                    .append('\n');
        }
        HttpResponse<String> answer =
                request(
                        "POST",
                        "/" + index + "/_bulk?refresh=true",
                        body.toString(),
                        "application/x-ndjson");
        JsonNode result = JSON.readTree(answer.body());
        if (answer.statusCode() >= 400 || result.path("errors").asBoolean()) {
            throw new IOException("Indexing test documents failed: " + answer.body());
        }
    }

    public void refresh(String index) throws IOException {
        call("POST", "/" + index + "/_refresh", null);
    }

    /** Every document of the index (after a refresh), by id: the {@code _source}s. */
    public Map<String, JsonNode> documents(String index) throws IOException {
        refresh(index);
        Map<String, JsonNode> documents = new TreeMap<>();
        ObjectNode search = JSON.createObjectNode();
        search.put("size", 10_000);
        search.putArray("sort").add("_doc");
        JsonNode hits = call("POST", "/" + index + "/_search", search.toString()).path("hits");
        if (hits.path("total").path("value").asLong() > 10_000) {
            throw new IOException("Too many documents in " + index + " for this helper");
        }
        for (JsonNode hit : hits.path("hits")) {
            documents.put(hit.path("_id").asText(), hit.path("_source"));
        }
        return documents;
    }

    /** The number of documents in the index (after a refresh). */
    public long count(String index) throws IOException {
        refresh(index);
        return call("GET", "/" + index + "/_count", null).path("count").asLong();
    }

    /** Sends a request (for set-up and checks), failing on an error answer. */
    public JsonNode call(String method, String path, String json) throws IOException {
        HttpResponse<String> answer = request(method, path, json, "application/json");
        if (answer.statusCode() >= 400) {
            throw new IOException(method + " " + path + " answered " + answer.body());
        }
        return JSON.readTree(answer.body());
    }

    private HttpResponse<String> request(String method, String path, String body, String type)
            throws IOException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(url() + path))
                        .timeout(Duration.ofSeconds(60))
                        .header("Content-Type", type)
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body));
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Override
    public void close() {
        try {
            if (client != null) {
                client.close();
            }
            stdin.close(); // the node stops when its standard input ends
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
        }
    }

    private static Path moduleDir() {
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("test-servers"))) {
                return dir;
            }
        }
        throw new IllegalStateException("No test-servers/ above " + here);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Sorts hits' ids numerically where they are numbers (for readable assertions). */
    public static Comparator<String> idOrder() {
        return Comparator.comparingLong(
                        (String id) ->
                                id.chars().allMatch(Character::isDigit) && !id.isEmpty()
                                        ? Long.parseLong(id)
                                        : Long.MAX_VALUE)
                .thenComparing(Comparator.naturalOrder());
    }
}
