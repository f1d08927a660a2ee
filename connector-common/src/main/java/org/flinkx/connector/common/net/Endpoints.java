package org.flinkx.connector.common.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.api.ValidationException;

/**
 * Server addresses given as {@code host:port} lists, and a bounded check that one of them accepts
 * connections, so that a job whose servers are unreachable fails at once naming them, instead of
 * waiting in a client's retries and failing with a timeout that names nothing.
 */
@Internal
public final class Endpoints {

    private Endpoints() {}

    /**
     * The addresses of a comma-separated {@code host:port} list.
     *
     * @throws ValidationException naming the option and the entry that is not {@code host:port}
     */
    public static List<InetSocketAddress> parse(String list, String optionKey) {
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (String entry : list.split(",")) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int colon = trimmed.lastIndexOf(':');
            int port = -1;
            if (colon > 0) {
                try {
                    port = Integer.parseInt(trimmed.substring(colon + 1));
                } catch (NumberFormatException e) {
                    port = -1;
                }
            }
            if (port < 1 || port > 65_535) {
                throw new ValidationException(
                        String.format(
                                "Invalid value '%s' for option '%s': '%s' is not host:port.",
                                list, optionKey, trimmed));
            }
            String host = trimmed.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1); // [::1]:9092
            }
            addresses.add(InetSocketAddress.createUnresolved(host, port));
        }
        if (addresses.isEmpty()) {
            throw new ValidationException(String.format("Option '%s' names no server.", optionKey));
        }
        return addresses;
    }

    /**
     * Returns when one of the addresses accepts a TCP connection within {@code timeout} (each is
     * tried once, in turn).
     *
     * @throws IOException naming every address and why it could not be reached
     */
    public static void requireOneReachable(
            String system, List<InetSocketAddress> addresses, Duration timeout) throws IOException {
        List<String> failures = new ArrayList<>();
        for (InetSocketAddress address : addresses) {
            String where = address.getHostString() + ":" + address.getPort();
            try (Socket socket = new Socket()) {
                socket.connect(
                        new InetSocketAddress(address.getHostString(), address.getPort()),
                        (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
                return;
            } catch (IOException e) {
                failures.add(where + " (" + e.getMessage() + ")");
            }
        }
        throw new IOException(
                String.format(
                        "%s is unreachable: no server accepted a connection within %d ms: %s",
                        system, timeout.toMillis(), String.join(", ", failures)));
    }
}
