package org.flinkx.connector.starrocks.config;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import org.apache.flink.annotation.PublicEvolving;

/**
 * Where a StarRocks cluster is and how to log in: the FEs' HTTP addresses ({@code host:port}, tried
 * in turn), the user and password, the timeouts. {@link #toString()} leaves the password out.
 */
@PublicEvolving
public record StarRocksConnection(
        List<String> feAddresses,
        String username,
        String password,
        Duration connectTimeout,
        Duration socketTimeout)
        implements Serializable {

    public StarRocksConnection {
        feAddresses = List.copyOf(feAddresses);
        if (feAddresses.isEmpty()) {
            throw new IllegalArgumentException(
                    "At least one FE address (host:http_port) is needed");
        }
        for (String address : feAddresses) {
            if (!address.matches("[^\\s/:]+:\\d{1,5}")) {
                throw new IllegalArgumentException(
                        "'" + address + "' is not an FE address host:http_port (such as fe1:8030)");
            }
        }
        password = password == null ? "" : password;
    }

    /** Parses {@code load-url}: {@code host:port} addresses separated by ';' (or ','). */
    public static List<String> parseLoadUrl(String loadUrl) {
        return java.util.Arrays.stream(loadUrl.split("[;,]"))
                .map(String::trim)
                .map(a -> a.replaceFirst("^https?://", "").replaceFirst("/+$", ""))
                .filter(a -> !a.isEmpty())
                .toList();
    }

    @Override
    public String toString() {
        return "StarRocksConnection[feAddresses="
                + feAddresses
                + ", username="
                + username
                + ", connectTimeout="
                + connectTimeout
                + ", socketTimeout="
                + socketTimeout
                + "]";
    }
}
