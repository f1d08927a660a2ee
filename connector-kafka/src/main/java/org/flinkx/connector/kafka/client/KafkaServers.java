package org.flinkx.connector.kafka.client;

import java.io.IOException;
import java.io.Serializable;
import java.time.Duration;
import java.util.Properties;
import org.apache.flink.annotation.Internal;
import org.flinkx.connector.common.net.Endpoints;

/**
 * The brokers of {@code properties.bootstrap.servers}, checked before the Kafka clients start: if
 * none accepts a connection within {@code socket.connection.setup.timeout.ms} (10 s by default),
 * the job fails naming each address, instead of waiting in the clients' retries for a timeout that
 * names none.
 */
@Internal
public final class KafkaServers implements Serializable {

    private static final long serialVersionUID = 1L;
    public static final String OPTION = "properties.bootstrap.servers";
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final String servers;
    private final Duration timeout;

    private KafkaServers(String servers, Duration timeout) {
        this.servers = servers;
        this.timeout = timeout;
    }

    /** From the client properties; fails naming the option when an entry is not host:port. */
    public static KafkaServers of(Properties properties) {
        String servers = properties.getProperty("bootstrap.servers");
        Endpoints.parse(servers, OPTION);
        String timeout = properties.getProperty("socket.connection.setup.timeout.ms");
        return new KafkaServers(
                servers,
                timeout == null ? DEFAULT_TIMEOUT : Duration.ofMillis(Long.parseLong(timeout)));
    }

    public void requireReachable() throws IOException {
        Endpoints.requireOneReachable("Kafka", Endpoints.parse(servers, OPTION), timeout);
    }
}
