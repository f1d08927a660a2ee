package org.flinkx.connector.starrocks.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.flink.annotation.Internal;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.flinkx.connector.starrocks.config.StarRocksConnection;
import org.flinkx.connector.starrocks.load.StreamLoadException.Kind;

/**
 * StarRocks' HTTP API as the sink uses it: Stream Load, the transaction interface and {@code
 * get_load_state}. A request goes to the first FE that can be reached (an FE that cannot is
 * skipped, and the next request starts at the one that answered); the FE's 307 to a BE is followed
 * with the credentials kept. Loads send {@code Expect: 100-continue}, so the body goes only to the
 * BE, which reads it as it is encoded. Each call is one attempt: retries are the caller's.
 */
@Internal
public final class StreamLoadClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_REDIRECTS = 3;
    private static final int MAX_ANSWER_CHARS = 1 << 20;

    private final StarRocksConnection connection;
    private final String authorization;
    private final CloseableHttpClient http;
    private int preferredFe;

    public StreamLoadClient(StarRocksConnection connection) {
        this.connection = connection;
        this.authorization =
                "Basic "
                        + Base64.getEncoder()
                                .encodeToString(
                                        (connection.username() + ":" + connection.password())
                                                .getBytes(StandardCharsets.UTF_8));
        Timeout connect = Timeout.ofMilliseconds(connection.connectTimeout().toMillis());
        Timeout socket = Timeout.ofMilliseconds(connection.socketTimeout().toMillis());
        this.http =
                HttpClients.custom()
                        .setConnectionManager(
                                PoolingHttpClientConnectionManagerBuilder.create()
                                        .setDefaultConnectionConfig(
                                                ConnectionConfig.custom()
                                                        .setConnectTimeout(connect)
                                                        .setSocketTimeout(socket)
                                                        .setValidateAfterInactivity(
                                                                TimeValue.ofSeconds(2))
                                                        .build())
                                        .build())
                        .setDefaultRequestConfig(
                                RequestConfig.custom()
                                        .setExpectContinueEnabled(true)
                                        .setResponseTimeout(socket)
                                        .setConnectionRequestTimeout(connect)
                                        .build())
                        .disableRedirectHandling()
                        .disableAutomaticRetries()
                        .disableContentCompression()
                        .disableCookieManagement()
                        .build();
    }

    /** The FEs, for messages. */
    public List<String> feAddresses() {
        return connection.feAddresses();
    }

    /** {@code PUT /api/{db}/{table}/_stream_load}: one load, one transaction. */
    public LoadAnswer streamLoad(
            String db, String table, Map<String, String> headers, RowsBody body)
            throws StreamLoadException {
        return send(
                "PUT", "/api/" + encode(db) + "/" + encode(table) + "/_stream_load", headers, body);
    }

    /**
     * {@code /api/transaction/{operation}}: {@code begin}, {@code prepare}, {@code commit}, {@code
     * rollback} (POST, no body) or {@code load} (PUT with the rows).
     */
    public LoadAnswer transaction(String operation, Map<String, String> headers, RowsBody body)
            throws StreamLoadException {
        return send(body == null ? "POST" : "PUT", "/api/transaction/" + operation, headers, body);
    }

    /** The state of a label: UNKNOWN, PREPARE, PREPARED, COMMITTED, VISIBLE or ABORTED. */
    public String loadState(String db, String label) throws StreamLoadException {
        LoadAnswer answer =
                send(
                        "GET",
                        "/api/" + encode(db) + "/get_load_state?label=" + encode(label),
                        Map.of(),
                        null);
        JsonNode state = answer.body().get("state");
        JsonNode status = answer.body().get("status");
        if (state == null || (status != null && !status.asText().equalsIgnoreCase("OK"))) {
            throw new StreamLoadException(
                    "The state of label '"
                            + label
                            + "' is not known: "
                            + answer.node()
                            + " answered "
                            + answer.body(),
                    Kind.TRANSIENT,
                    false);
        }
        return state.asText();
    }

    /** The rows a load filtered, from its {@code ErrorURL}, at most 1 MiB of them. */
    public String errorLog(String errorUrl) throws StreamLoadException {
        try {
            return exchange(URI.create(errorUrl), "GET", Map.of(), null, true).text();
        } catch (FeUnreachable e) {
            throw e.failure; // not thrown for plain requests
        }
    }

    private LoadAnswer send(String method, String path, Map<String, String> headers, RowsBody body)
            throws StreamLoadException {
        List<String> fes = connection.feAddresses();
        StreamLoadException unreachable = null;
        for (int i = 0; i < fes.size(); i++) {
            int fe = (preferredFe + i) % fes.size();
            Exchange answer;
            try {
                answer =
                        exchange(
                                URI.create("http://" + fes.get(fe) + path),
                                method,
                                headers,
                                body,
                                false);
            } catch (FeUnreachable e) {
                unreachable = e.failure;
                if (body != null && body.started()) {
                    throw e.failure;
                }
                continue;
            }
            preferredFe = fe;
            try {
                return new LoadAnswer(answer.node(), JSON.readTree(answer.text()));
            } catch (IOException e) {
                throw new StreamLoadException(
                        answer.node() + " answered what is not JSON: " + snippet(answer.text()),
                        Kind.PERMANENT,
                        body != null && body.started(),
                        e);
            }
        }
        throw new StreamLoadException(
                fes.size() == 1
                        ? unreachable.getMessage()
                        : "No FE of "
                                + fes
                                + " can be reached; the last: "
                                + unreachable.getMessage(),
                Kind.TRANSIENT,
                false,
                unreachable);
    }

    private record Exchange(String node, String text) {}

    /** An FE that could not be connected to: the next one is tried. */
    private static final class FeUnreachable extends Exception {
        private static final long serialVersionUID = 1L;
        final StreamLoadException failure;

        FeUnreachable(StreamLoadException failure) {
            super(failure.getMessage(), failure, false, false);
            this.failure = failure;
        }
    }

    private Exchange exchange(
            URI uri, String method, Map<String, String> headers, RowsBody body, boolean plain)
            throws StreamLoadException, FeUnreachable {
        for (int hop = 0; ; hop++) {
            String node = uri.getHost() + ":" + uri.getPort();
            HttpUriRequestBase request = new HttpUriRequestBase(method, uri);
            headers.forEach(request::setHeader);
            request.setHeader(HttpHeaders.AUTHORIZATION, authorization);
            if (body != null) {
                request.setHeader(HttpHeaders.EXPECT, "100-continue");
                request.setEntity(body);
            }
            Answer answer;
            try {
                answer =
                        http.execute(
                                request,
                                response ->
                                        new Answer(
                                                response.getCode(),
                                                response.getFirstHeader(HttpHeaders.LOCATION),
                                                response.getEntity() == null
                                                        ? ""
                                                        : EntityUtils.toString(
                                                                response.getEntity(),
                                                                StandardCharsets.UTF_8,
                                                                MAX_ANSWER_CHARS)));
            } catch (IOException e) {
                StreamLoadException failure = failure(node, e, body);
                if (hop == 0 && !plain && isConnectFailure(e)) {
                    throw new FeUnreachable(failure);
                }
                throw failure;
            }
            boolean sent = body != null && body.started();
            if (answer.code() == 307 || answer.code() == 302 || answer.code() == 301) {
                if (answer.location() == null || hop >= MAX_REDIRECTS) {
                    throw new StreamLoadException(
                            node + " redirected without a usable Location", Kind.PERMANENT, sent);
                }
                uri = uri.resolve(answer.location().getValue());
                continue;
            }
            if (answer.code() == 401 || answer.code() == 403) {
                throw new StreamLoadException(
                        node
                                + " refused user '"
                                + connection.username()
                                + "' (HTTP "
                                + answer.code()
                                + "): check 'username' and 'password' and the user's INSERT privilege",
                        Kind.UNRECOVERABLE,
                        sent);
            }
            if (answer.code() >= 500) {
                throw new StreamLoadException(
                        node + " answered HTTP " + answer.code() + ": " + snippet(answer.text()),
                        Kind.TRANSIENT,
                        sent);
            }
            if (answer.code() != 200) {
                throw new StreamLoadException(
                        node
                                + " answered HTTP "
                                + answer.code()
                                + " to "
                                + method
                                + " "
                                + uri.getRawPath()
                                + ": "
                                + snippet(answer.text()),
                        Kind.PERMANENT,
                        sent);
            }
            return new Exchange(node, answer.text());
        }
    }

    private record Answer(int code, Header location, String text) {}

    private static boolean isConnectFailure(IOException e) {
        return e instanceof ConnectException || e instanceof ConnectTimeoutException;
    }

    private static StreamLoadException failure(String node, IOException e, RowsBody body) {
        boolean sent = body != null && body.started();
        String what;
        if (isConnectFailure(e)) {
            what = "Cannot connect to " + node;
        } else if (e instanceof SocketTimeoutException) {
            what = node + " did not answer within 'sink.socket.timeout-ms'";
        } else {
            what = "The connection to " + node + " broke";
        }
        return new StreamLoadException(what + ": " + e.getMessage(), Kind.TRANSIENT, sent, e);
    }

    private static String snippet(String text) {
        String t = text.strip();
        return t.length() > 500 ? t.substring(0, 500) + "..." : t;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public void close() throws IOException {
        http.close();
    }
}
