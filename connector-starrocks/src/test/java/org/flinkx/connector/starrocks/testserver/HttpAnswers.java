package org.flinkx.connector.starrocks.testserver;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpResponse;

/** Small helpers to read credentials and to build the server's HTTP answers. */
final class HttpAnswers {

    private HttpAnswers() {}

    static ClassicHttpResponse json(Map<String, ?> body) {
        BasicClassicHttpResponse response = new BasicClassicHttpResponse(200);
        response.setEntity(new StringEntity(Json.write(body), ContentType.APPLICATION_JSON));
        return response;
    }

    static ClassicHttpResponse text(int code, String body) {
        BasicClassicHttpResponse response = new BasicClassicHttpResponse(code);
        response.setEntity(new StringEntity(body, ContentType.TEXT_PLAIN));
        return response;
    }

    static ClassicHttpResponse unauthorized() {
        ClassicHttpResponse response = text(401, "Access denied: wrong user name or password\n");
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"StarRocks\"");
        return response;
    }

    /** {@code user:password} from a Basic Authorization header, or null. */
    static String credentials(ClassicHttpRequest request) {
        Header header = request.getFirstHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.getValue().regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            byte[] decoded = Base64.getDecoder().decode(header.getValue().substring(6).trim());
            return new String(decoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The header as the request log shows it: the user name, never the password. */
    static String redactedAuthorization(ClassicHttpRequest request) {
        String credentials = credentials(request);
        if (credentials == null) {
            return "(unreadable)";
        }
        int colon = credentials.indexOf(':');
        return "Basic " + (colon < 0 ? credentials : credentials.substring(0, colon)) + ":***";
    }
}
