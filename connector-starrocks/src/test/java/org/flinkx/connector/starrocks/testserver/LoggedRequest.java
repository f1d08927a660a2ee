package org.flinkx.connector.starrocks.testserver;

import java.util.Map;

/**
 * One request as the server saw it: which node ({@code fe}, {@code be0}, ...), method, path with
 * query, and headers (names lower-cased; {@code authorization} shows the user name only, never the
 * password).
 */
public record LoggedRequest(String node, String method, String path, Map<String, String> headers) {

    public String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
}
