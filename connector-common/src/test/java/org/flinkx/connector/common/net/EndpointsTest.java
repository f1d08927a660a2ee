package org.flinkx.connector.common.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.apache.flink.table.api.ValidationException;
import org.junit.jupiter.api.Test;

class EndpointsTest {

    @Test
    void listsOfHostAndPort() {
        assertThat(Endpoints.parse(" a:9092, b.example:1 ,[::1]:9093", "hosts"))
                .containsExactly(
                        InetSocketAddress.createUnresolved("a", 9092),
                        InetSocketAddress.createUnresolved("b.example", 1),
                        InetSocketAddress.createUnresolved("::1", 9093));
        for (String bad : new String[] {"a", "a:", ":9092", "a:x", "a:70000", " , "}) {
            assertThatThrownBy(() -> Endpoints.parse(bad, "properties.bootstrap.servers"))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("'properties.bootstrap.servers'");
        }
    }

    @Test
    void oneListeningServerIsEnoughAndNoneFailsNamingEach() throws IOException {
        try (ServerSocket listening = new ServerSocket(0);
                ServerSocket closed = new ServerSocket(0)) {
            int closedPort = closed.getLocalPort();
            closed.close();
            List<InetSocketAddress> both =
                    Endpoints.parse(
                            "127.0.0.1:" + closedPort + ",127.0.0.1:" + listening.getLocalPort(),
                            "hosts");
            Endpoints.requireOneReachable("Kafka", both, Duration.ofSeconds(5));

            List<InetSocketAddress> none = Endpoints.parse("127.0.0.1:" + closedPort, "hosts");
            assertThatThrownBy(
                            () ->
                                    Endpoints.requireOneReachable(
                                            "Kafka", none, Duration.ofSeconds(5)))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("Kafka is unreachable")
                    .hasMessageContaining("127.0.0.1:" + closedPort);
        }
    }
}
