package org.flinkx.connector.es.testutils;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * HTTPS and authentication in front of a test node, as a secured cluster has them (the embedded
 * nodes here have no security plugin): a TLS endpoint with a certificate of a CA of its own (made
 * with the JDK's keytool, its PEM in {@link #caCertificate()}), which answers 401 with
 * Elasticsearch's {@code security_exception} to a request without the expected {@code
 * Authorization} header, and forwards every other request to the node unchanged.
 */
public final class TlsProxy implements AutoCloseable {

    private static final String STORE_PASSWORD = "changeit";

    private final HttpsServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    private final HttpClient upstream =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String upstreamUrl;
    private final String expectedAuthorization;
    private final Path caCertificate;
    private final AtomicInteger refused = new AtomicInteger();

    private TlsProxy(
            HttpsServer server,
            String upstreamUrl,
            String expectedAuthorization,
            Path caCertificate) {
        this.server = server;
        this.upstreamUrl = upstreamUrl;
        this.expectedAuthorization = expectedAuthorization;
        this.caCertificate = caCertificate;
    }

    /**
     * A proxy to {@code upstreamUrl} on 127.0.0.1 whose certificate names {@code subjectNames} (a
     * keytool SAN list, {@code ip:127.0.0.1,dns:localhost}).
     */
    public static TlsProxy start(
            String upstreamUrl, String expectedAuthorization, String subjectNames, Path dir)
            throws Exception {
        Path store = dir.resolve("node.p12");
        Path pem = dir.resolve("ca.pem");
        Files.deleteIfExists(store);
        Files.deleteIfExists(pem);
        keytool(
                "-genkeypair",
                "-alias",
                "node",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "2",
                "-dname",
                "CN=flinkx-test-node",
                "-ext",
                "SAN=" + subjectNames,
                "-keystore",
                store.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                STORE_PASSWORD,
                "-keypass",
                STORE_PASSWORD);
        keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                "node",
                "-keystore",
                store.toString(),
                "-storepass",
                STORE_PASSWORD,
                "-file",
                pem.toString());
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, STORE_PASSWORD.toCharArray());
        }
        KeyManagerFactory keyManagers =
                KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, STORE_PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        TlsProxy proxy = new TlsProxy(server, upstreamUrl, expectedAuthorization, pem);
        server.createContext("/", proxy::handle);
        server.setExecutor(proxy.threads);
        server.start();
        return proxy;
    }

    /** {@code https://127.0.0.1:<port>}. */
    public String url() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The PEM file of the CA that signed the proxy's certificate (its own, self-signed). */
    public Path caCertificate() {
        return caCertificate;
    }

    /** How many requests were refused for want of the right credentials. */
    public int refused() {
        return refused.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (!expectedAuthorization.equals(authorization)) {
                refused.incrementAndGet();
                byte[] body =
                        ("{\"error\":{\"root_cause\":[{\"type\":\"security_exception\",\"reason\":"
                                        + "\"unable to authenticate user for REST request\"}],"
                                        + "\"type\":\"security_exception\",\"reason\":\"unable to "
                                        + "authenticate user for REST request\"},\"status\":401}")
                                .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(401, body.length);
                exchange.getResponseBody().write(body);
                return;
            }
            byte[] request = exchange.getRequestBody().readAllBytes();
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            HttpRequest.Builder forward =
                    HttpRequest.newBuilder(URI.create(upstreamUrl + exchange.getRequestURI()))
                            .timeout(Duration.ofSeconds(60))
                            .method(
                                    exchange.getRequestMethod(),
                                    request.length == 0
                                            ? HttpRequest.BodyPublishers.noBody()
                                            : HttpRequest.BodyPublishers.ofByteArray(request));
            if (type != null) {
                forward.header("Content-Type", type);
            }
            HttpResponse<byte[]> answer =
                    upstream.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            answer.headers()
                    .firstValue("Content-Type")
                    .ifPresent(t -> exchange.getResponseHeaders().add("Content-Type", t));
            byte[] body = answer.body();
            exchange.sendResponseHeaders(answer.statusCode(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } finally {
            exchange.close();
        }
    }

    private static void keytool(String... args) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = new java.util.ArrayList<>();
        command.add(keytool.toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
