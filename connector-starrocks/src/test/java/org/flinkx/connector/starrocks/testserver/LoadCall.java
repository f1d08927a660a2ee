package org.flinkx.connector.starrocks.testserver;

import java.time.Duration;
import java.util.function.Function;

/**
 * A load or transaction call as the actions see it: the target, the label, the headers, the body
 * (empty for begin/prepare/commit/rollback), the BE address that serves error logs, and a fault to
 * answer with (or null).
 */
record LoadCall(
        String db,
        String table,
        String label,
        Function<String, String> header,
        byte[] body,
        String errorUrlBase,
        Fault fault) {

    Duration seconds(String headerName) {
        String value = header.apply(headerName);
        return value == null || value.isBlank()
                ? null
                : Duration.ofSeconds(Long.parseLong(value.trim()));
    }

    boolean faulted(Fault.Kind kind) {
        return fault != null && fault.kind() == kind;
    }

    String errorUrl(String id) {
        return id == null ? null : errorUrlBase + "/api/_load_error_log?file=" + id;
    }
}
