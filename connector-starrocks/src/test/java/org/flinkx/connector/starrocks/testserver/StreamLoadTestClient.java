package org.flinkx.connector.starrocks.testserver;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.util.Timeout;

/**
 * What a Stream Load client does, in a few lines of httpclient5, for the tests: Basic credentials
 * for any host and port (so they survive the FE's redirect), {@code Expect: 100-continue}, 307
 * redirects followed with method and body.
 */
final class StreamLoadTestClient implements AutoCloseable {

    /** An answer: HTTP code, the body, and the body as JSON when it is JSON. */
    record Answer(int code, String body) {
        Map<String, Object> json() {
            try {
                return Json.MAPPER.readValue(body, new TypeReference<Map<String, Object>>() {});
            } catch (IOException e) {
                throw new AssertionError("Not JSON: " + body, e);
            }
        }

        Object get(String field) {
            return json().get(field);
        }
    }

    private final CloseableHttpClient client;

    StreamLoadTestClient(String user, String password) {
        this(user, password, Timeout.ofMinutes(1));
    }

    StreamLoadTestClient(String user, String password, Timeout responseTimeout) {
        BasicCredentialsProvider credentials = new BasicCredentialsProvider();
        credentials.setCredentials(
                new AuthScope(null, -1),
                new UsernamePasswordCredentials(user, password.toCharArray()));
        this.client =
                HttpClients.custom()
                        .setDefaultCredentialsProvider(credentials)
                        .setDefaultRequestConfig(
                                RequestConfig.custom()
                                        .setExpectContinueEnabled(true)
                                        .setResponseTimeout(responseTimeout)
                                        .build())
                        .build();
    }

    Answer send(String method, String url, Map<String, String> headers, String body)
            throws IOException {
        ClassicRequestBuilder request = ClassicRequestBuilder.create(method).setUri(url);
        headers.forEach(request::addHeader);
        if (body != null) {
            request.setEntity(
                    new ByteArrayEntity(
                            body.getBytes(StandardCharsets.UTF_8), ContentType.TEXT_PLAIN));
        }
        return client.execute(
                request.build(),
                response ->
                        new Answer(
                                response.getCode(),
                                response.getEntity() == null
                                        ? ""
                                        : EntityUtils.toString(
                                                response.getEntity(), StandardCharsets.UTF_8)));
    }

    Answer streamLoad(
            String feUrl, String db, String table, Map<String, String> headers, String body)
            throws IOException {
        return send("PUT", feUrl + "/api/" + db + "/" + table + "/_stream_load", headers, body);
    }

    Answer get(String url) throws IOException {
        return send("GET", url, Map.of(), null);
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
