package org.flinkx.connector.starrocks.testserver;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.HttpFilterChain;
import org.apache.hc.core5.http.io.HttpFilterHandler;
import org.apache.hc.core5.http.io.HttpRequestHandler;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.message.BasicClassicHttpResponse;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * One node of the test cluster, the FE or a BE, as an httpcore5 handler plus the filter that
 * answers {@code Expect: 100-continue}. The filter runs the checks that come before the body
 * (injected arrival faults, Basic auth, the FE's redirect) and sends {@code 100 Continue} only when
 * the node will read the body, which only a BE does: the FE answers 307 with {@code Location} to a
 * BE before the body is sent.
 */
final class Node implements HttpRequestHandler, HttpFilterHandler {

    private static final String CHECKED = "starrocks.checked";

    private final String name;
    private final boolean frontend;
    private final StarRocksTestServer server;
    private volatile String baseUrl;

    Node(String name, boolean frontend, StarRocksTestServer server) {
        this.name = name;
        this.frontend = frontend;
        this.server = server;
    }

    void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    String baseUrl() {
        return baseUrl;
    }

    @Override
    public void handle(
            ClassicHttpRequest request,
            HttpFilterChain.ResponseTrigger trigger,
            HttpContext context,
            HttpFilterChain chain)
            throws HttpException, IOException {
        server.log(name, request);
        Header expect = request.getFirstHeader(HttpHeaders.EXPECT);
        if (expect != null && "100-continue".equalsIgnoreCase(expect.getValue().trim())) {
            ClassicHttpResponse early = beforeBody(request);
            context.setAttribute(CHECKED, Boolean.TRUE);
            if (early != null) {
                early.setHeader(HttpHeaders.CONNECTION, "close");
                // httpcore5 would consume the body before flushing the answer: there is no body to
                // read, the client sends none after a final answer, and the connection closes
                request.setEntity(null);
                trigger.submitResponse(early);
                return;
            }
            trigger.sendInformation(new BasicClassicHttpResponse(100));
            request.removeHeaders(HttpHeaders.EXPECT);
        }
        chain.proceed(request, trigger, context);
    }

    @Override
    public void handle(
            ClassicHttpRequest request, ClassicHttpResponse response, HttpContext context)
            throws HttpException, IOException {
        ClassicHttpResponse answer = null;
        if (context.getAttribute(CHECKED) == null) {
            answer = beforeBody(request);
        }
        if (answer == null) {
            answer = frontend ? redirectOrAnswer(request) : answer(request);
        } else {
            EntityUtils.consume(request.getEntity());
        }
        response.setCode(answer.getCode());
        response.setHeaders(answer.getHeaders());
        response.setEntity(answer.getEntity());
    }

    /** Injected arrival faults, then auth, then (FE) the redirect; null: go on to the body. */
    private ClassicHttpResponse beforeBody(ClassicHttpRequest request) throws IOException {
        Fault fault = server.faults().take(Faults.ON_ARRIVAL, path(request));
        if (fault != null && fault.kind() == Fault.Kind.SLOW) {
            try {
                Thread.sleep(fault.delay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while answering slowly", e);
            }
        } else if (fault != null) {
            return HttpAnswers.text(fault.httpCode(), "injected server error on " + name + "\n");
        }
        if (!server.authorized(HttpAnswers.credentials(request))) {
            return HttpAnswers.unauthorized();
        }
        return frontend ? redirect(request) : null;
    }

    private ClassicHttpResponse redirectOrAnswer(ClassicHttpRequest request) throws IOException {
        ClassicHttpResponse redirect = redirect(request);
        if (redirect != null) {
            EntityUtils.consume(request.getEntity());
            return redirect;
        }
        return answer(request);
    }

    /** The FE sends loads and transaction calls to a BE (307, method and body kept). */
    private ClassicHttpResponse redirect(ClassicHttpRequest request) {
        List<String> parts = segments(request);
        boolean load = parts.size() == 4 && parts.get(3).equals("_stream_load");
        boolean txn = parts.size() == 3 && parts.get(1).equals("transaction");
        if (!load && !txn) {
            return null;
        }
        String label = header(request, "label");
        Node be = server.pickBackend(txn ? label : null);
        ClassicHttpResponse response = new BasicClassicHttpResponse(307);
        response.setHeader(HttpHeaders.LOCATION, be.baseUrl() + path(request));
        return response;
    }

    /** What a BE (or, for get_load_state, the FE) answers. */
    private ClassicHttpResponse answer(ClassicHttpRequest request) throws IOException {
        List<String> parts = segments(request);
        URI uri = uri(request);
        if (parts.size() == 3
                && parts.get(0).equals("api")
                && parts.get(2).equals("get_load_state")) {
            return HttpAnswers.json(
                    server.streamLoads().loadState(parts.get(1), query(uri, "label")));
        }
        if (frontend) {
            return HttpAnswers.text(404, "no such endpoint on the FE: " + uri.getPath() + "\n");
        }
        if (parts.size() == 2 && parts.get(1).equals("_load_error_log")) {
            String log = server.store().errorLog(query(uri, "file"));
            return log == null
                    ? HttpAnswers.text(404, "no such error log\n")
                    : HttpAnswers.text(200, log);
        }
        boolean load = parts.size() == 4 && parts.get(3).equals("_stream_load");
        boolean txn = parts.size() == 3 && parts.get(1).equals("transaction");
        if (!load && !txn) {
            return HttpAnswers.text(404, "no such endpoint on a BE: " + uri.getPath() + "\n");
        }
        byte[] body = readBody(request);
        Fault fault = server.faults().take(Faults.ON_ANSWER, path(request));
        Map<String, Object> answer;
        if (load) {
            LoadCall call = call(request, parts.get(1), parts.get(2), body, fault);
            answer = server.streamLoads().load(call);
        } else {
            LoadCall call =
                    call(request, header(request, "db"), header(request, "table"), body, fault);
            answer = server.transactionAction().handle(parts.get(2), call);
        }
        if (server.faults().take(Faults.AFTER_ANSWER, path(request)) != null) {
            throw new SocketException("injected: answer dropped after handling on " + name);
        }
        return HttpAnswers.json(answer);
    }

    private byte[] readBody(ClassicHttpRequest request) throws IOException {
        HttpEntity entity = request.getEntity();
        if (entity == null) {
            return new byte[0];
        }
        Fault reset = server.faults().take(Faults.ON_BODY, path(request));
        try (InputStream in = entity.getContent()) {
            if (reset != null) {
                in.read(new byte[Math.max(1, (int) Math.min(entity.getContentLength() / 2, 8192))]);
                // The worker closes the connection at once (SO_LINGER 0): the client sees a reset.
                throw new SocketException("injected connection reset on " + name);
            }
            return in.readAllBytes();
        }
    }

    private LoadCall call(
            ClassicHttpRequest request, String db, String table, byte[] body, Fault fault) {
        return new LoadCall(
                db, table, header(request, "label"), h -> header(request, h), body, baseUrl, fault);
    }

    private static String header(ClassicHttpRequest request, String name) {
        Header header = request.getFirstHeader(name);
        return header == null ? null : header.getValue();
    }

    static String path(ClassicHttpRequest request) {
        return request.getRequestUri();
    }

    private static URI uri(ClassicHttpRequest request) {
        try {
            return new URI(request.getRequestUri());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static List<String> segments(ClassicHttpRequest request) {
        String path = uri(request).getPath();
        return List.of(path.replaceAll("^/+|/+$", "").split("/+"));
    }

    private static String query(URI uri, String name) {
        Map<String, String> params = new LinkedHashMap<>();
        String query = uri.getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                params.put(
                        java.net.URLDecoder.decode(key, StandardCharsets.UTF_8)
                                .toLowerCase(Locale.ROOT),
                        java.net.URLDecoder.decode(value, StandardCharsets.UTF_8));
            }
        }
        return params.get(name);
    }
}
