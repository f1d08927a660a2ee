package org.flinkx.connector.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.flinkx.connector.common.testutils.ChildJvm;
import org.flinkx.connector.kafka.testutils.KafkaTestBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flink-lib jar works where users put it: a JVM whose class path is Flink's {@code lib/} plus
 * that jar, nothing else, copies a topic of a real broker into an upsert topic exactly-once and
 * reads it back through SQL; the bundled libraries are relocated, and the official connector's
 * factories are not registered by it.
 */
class FlinkLibJarITCase {

    @RegisterExtension static final KafkaTestBroker KAFKA = new KafkaTestBroker();

    @Test
    void runsFromTheShadedJarAlone(@TempDir Path dir) throws Exception {
        KAFKA.createTopic("lib_in", 1);
        KAFKA.createTopic("lib_out", 2);
        KAFKA.send(
                List.of(
                        record("{\"id\":1,\"name\":\"a\"}"),
                        record("{\"id\":2,\"name\":\"b\"}"),
                        record("{\"id\":1,\"name\":\"c\"}")));

        String output =
                ChildJvm.run(
                        List.of(ChildJvm.flinkLibJar()),
                        FlinkLibJarMain.class,
                        Map.of(),
                        dir,
                        KAFKA.bootstrapServers(),
                        "lib_in",
                        "lib_out");

        // the upsert topic read back: the last value per key
        assertThat(output).contains("rows={1=c@2, 2=b@1}");
        assertThat(
                        ChildJvm.classesUnder(
                                ChildJvm.flinkLibJar(), "org/flinkx/connector/kafka/shaded/kafka/"))
                .as("kafka-clients, relocated")
                .isNotEmpty();
        assertThat(
                        ChildJvm.classesUnder(
                                ChildJvm.flinkLibJar(),
                                "org/apache/kafka/",
                                "org/apache/flink/",
                                "org/flinkx/connector/common/"))
                .isEmpty();
    }

    private static ProducerRecord<byte[], byte[]> record(String json) {
        return new ProducerRecord<>("lib_in", 0, null, json.getBytes(StandardCharsets.UTF_8));
    }
}
