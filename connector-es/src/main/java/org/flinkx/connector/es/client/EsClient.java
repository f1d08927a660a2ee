package org.flinkx.connector.es.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.annotation.Nullable;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.flink.annotation.Internal;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.flinkx.connector.es.config.EsConnection;

/**
 * Elasticsearch's and OpenSearch's REST API, as FlinkX uses it (the same calls on both). A request
 * goes to the node that answered last; a node that cannot be reached is skipped for the next one,
 * and when none can be, the call fails naming each node and why. Each call is one attempt: retries
 * are the caller's. Credentials go in the {@code Authorization} header only, never into a message.
 */
@Internal
public final class EsClient implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper();
    public static final ContentType NDJSON = ContentType.create("application/x-ndjson");

    private static final int MAX_ERROR_CHARS = 2_000;

    private final EsConnection connection;
    @Nullable private final String authorization;
    private final CloseableHttpClient http;
    private int preferred;

    public EsClient(EsConnection connection) throws IOException {
        this.connection = connection;
        this.authorization = authorization(connection);
        Timeout connect = Timeout.ofMilliseconds(connection.connectTimeout().toMillis());
        Timeout socket = Timeout.ofMilliseconds(connection.socketTimeout().toMillis());
        PoolingHttpClientConnectionManagerBuilder connections =
                PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(8)
                        .setMaxConnPerRoute(4)
                        .setDefaultConnectionConfig(
                                ConnectionConfig.custom()
                                        .setConnectTimeout(connect)
                                        .setSocketTimeout(socket)
                                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                                        .build());
        if (connection.caCertificate() != null || !connection.verifyHostname()) {
            ClientTlsStrategyBuilder tls = ClientTlsStrategyBuilder.create();
            if (connection.caCertificate() != null) {
                tls.setSslContext(sslContext(Path.of(connection.caCertificate())));
            }
            if (!connection.verifyHostname()) {
                // the client's verifier only: JSSE's own endpoint identification would still check
                tls.setHostVerificationPolicy(HostnameVerificationPolicy.CLIENT);
                tls.setHostnameVerifier(NoopHostnameVerifier.INSTANCE);
            }
            connections.setTlsSocketStrategy(tls.buildClassic());
        }
        this.http =
                HttpClients.custom()
                        .setConnectionManager(connections.build())
                        .setDefaultRequestConfig(
                                RequestConfig.custom()
                                        .setResponseTimeout(socket)
                                        .setConnectionRequestTimeout(connect)
                                        .build())
                        .disableRedirectHandling()
                        .disableAutomaticRetries()
                        .disableCookieManagement()
                        .build();
    }

    /** The cluster's distribution and version ({@code GET /}). */
    public ServerInfo info() throws IOException {
        return ServerInfo.of(json("GET", "/", null));
    }

    /** A call whose answer is JSON; an error answer (status 400 and above) throws. */
    public JsonNode json(String method, String path, @Nullable Object body) throws IOException {
        byte[] bytes = body == null ? null : JSON.writeValueAsBytes(body);
        Answer answer = perform(method, path, bytes, ContentType.APPLICATION_JSON);
        answer.throwIfError(method, path);
        return JSON.readTree(answer.body());
    }

    /** One request; the answer whatever its status (transport failures throw). */
    public Answer perform(String method, String path, @Nullable byte[] body, ContentType type)
            throws IOException {
        List<URI> hosts = connection.hosts();
        List<String> failures = new ArrayList<>();
        IOException last = null;
        for (int i = 0; i < hosts.size(); i++) {
            int index = (preferred + i) % hosts.size();
            URI host = hosts.get(index);
            HttpUriRequestBase request =
                    new HttpUriRequestBase(method, host.resolve(connection.pathPrefix() + path));
            if (authorization != null) {
                request.setHeader(HttpHeaders.AUTHORIZATION, authorization);
            }
            if (body != null) {
                request.setEntity(new ByteArrayEntity(body, type));
            }
            try {
                Answer answer =
                        http.execute(
                                request,
                                response ->
                                        new Answer(
                                                response.getCode(),
                                                response.getEntity() == null
                                                        ? new byte[0]
                                                        : EntityUtils.toByteArray(
                                                                response.getEntity())));
                preferred = index;
                return answer;
            } catch (IOException e) {
                last = e;
                failures.add(host.getHost() + ":" + port(host) + " (" + e.getMessage() + ")");
            }
        }
        String message =
                (hosts.size() == 1 ? "The node is unreachable: " : "No node is reachable: ")
                        + String.join(", ", failures);
        throw new UnreachableException(message, last);
    }

    @Override
    public void close() throws IOException {
        http.close();
    }

    /** An answer: its status and body. */
    public record Answer(int status, byte[] body) {

        public boolean isError() {
            return status >= 400;
        }

        /** Throws the {@link EsException} this answer stands for, if it is an error. */
        public void throwIfError(String method, String path) throws EsException {
            if (isError()) {
                throw error(method, path);
            }
        }

        public EsException error(String method, String path) {
            String type = null;
            String reason = null;
            try {
                JsonNode error = JSON.readTree(body).path("error");
                if (error.isObject()) {
                    JsonNode cause = error.path("root_cause").path(0);
                    JsonNode described = cause.isObject() ? cause : error;
                    type = error.path("type").asText(null);
                    reason = described.path("reason").asText(null);
                    if (cause.isObject()
                            && type != null
                            && !type.equals(cause.path("type").asText(type))) {
                        reason = cause.path("type").asText() + ": " + reason;
                    }
                } else if (error.isTextual()) {
                    reason = error.asText();
                }
            } catch (IOException | RuntimeException e) {
                // not JSON: the text itself
            }
            if (reason == null) {
                String text = new String(body, StandardCharsets.UTF_8);
                reason =
                        text.length() > MAX_ERROR_CHARS ? text.substring(0, MAX_ERROR_CHARS) : text;
            }
            String where = method + " " + stripQuery(path);
            return new EsException(
                    "The cluster answered "
                            + status
                            + " to "
                            + where
                            + ": "
                            + (type != null ? "[" + type + "] " : "")
                            + reason,
                    status,
                    type);
        }
    }

    /** No node could be reached. */
    public static final class UnreachableException extends java.net.ConnectException {
        private static final long serialVersionUID = 1L;

        UnreachableException(String message, @Nullable Throwable cause) {
            super(message);
            initCause(cause);
        }
    }

    private static String stripQuery(String path) {
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    private static int port(URI host) {
        if (host.getPort() > 0) {
            return host.getPort();
        }
        return "https".equals(host.getScheme()) ? 443 : 80;
    }

    @Nullable
    private static String authorization(EsConnection connection) {
        if (connection.apiKey() != null) {
            return "ApiKey " + connection.apiKey();
        }
        if (connection.username() != null) {
            String password = connection.password() == null ? "" : connection.password();
            return "Basic "
                    + Base64.getEncoder()
                            .encodeToString(
                                    (connection.username() + ":" + password)
                                            .getBytes(StandardCharsets.UTF_8));
        }
        return null;
    }

    private static SSLContext sslContext(Path caCertificate) throws IOException {
        try (InputStream in = Files.newInputStream(caCertificate)) {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int n = 0;
            for (Certificate certificate :
                    CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trusted.setCertificateEntry("ca-" + n++, certificate);
            }
            if (n == 0) {
                throw new IOException("No certificate in " + caCertificate);
            }
            TrustManagerFactory trust =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot read the CA certificates in " + caCertificate, e);
        }
    }
}
