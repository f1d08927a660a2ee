package org.flinkx.launcher.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link KafkaReaderPlugin} and {@link KafkaWriterPlugin} share: the {@code flinkx-kafka}
 * connector, the Kafka client settings of {@code consumerSettings}/{@code producerSettings} as the
 * table's {@code properties.*} (without ZooKeeper's, which the Kafka 4 clients do not know), and
 * the check that they name the brokers.
 */
final class KafkaClientSettings {

    static final String CONNECTOR = "flinkx-kafka";

    /** The one column of a text message, as ChunJun named it. */
    static final String MESSAGE = "message";

    static final String BOOTSTRAP_SERVERS = "bootstrap.servers";

    /** A Kafka client setting of the older releases that the Kafka 4 clients do not know. */
    private static final String ZOOKEEPER = "zookeeper.connect";

    /** What the key tables say of {@code consumerSettings} and {@code producerSettings}. */
    static final String SETTINGS =
            "each entry as `properties.<key>`; `bootstrap.servers` is required; `zookeeper.connect` is "
                    + "dropped (warned: Kafka clients talk to the brokers only)";

    private KafkaClientSettings() {}

    /** The Kafka client settings of {@code key}, in their order, without ZooKeeper's. */
    static Map<String, String> settings(Parameters parameters, String key, List<String> warnings) {
        String plugin = parameters.plugin();
        Map<String, String> settings = new LinkedHashMap<>();
        parameters
                .node(key)
                .ifPresent(
                        node -> {
                            if (!node.isObject()) {
                                throw new IllegalArgumentException(
                                        plugin
                                                + ": '"
                                                + key
                                                + "' must be an object of Kafka client settings");
                            }
                            node.fields()
                                    .forEachRemaining(
                                            entry -> {
                                                JsonNode value = entry.getValue();
                                                if (!value.isValueNode()) {
                                                    throw new IllegalArgumentException(
                                                            plugin
                                                                    + ": "
                                                                    + key
                                                                    + "."
                                                                    + entry.getKey()
                                                                    + " must be a string, number or boolean, not "
                                                                    + value);
                                                }
                                                if (entry.getKey().equals(ZOOKEEPER)) {
                                                    warnings.add(
                                                            plugin
                                                                    + ": "
                                                                    + key
                                                                    + "."
                                                                    + ZOOKEEPER
                                                                    + " is ignored: Kafka clients talk to the "
                                                                    + "brokers ('bootstrap.servers') only");
                                                    return;
                                                }
                                                if (!value.isNull()) {
                                                    settings.put(entry.getKey(), value.asText());
                                                }
                                            });
                        });
        return settings;
    }

    /** Fails unless {@code settings} name the brokers; {@code key} names them in the message. */
    static void requireServers(String plugin, String key, Map<String, String> settings) {
        String servers = settings.get(BOOTSTRAP_SERVERS);
        if (servers == null || servers.isBlank()) {
            throw new IllegalArgumentException(
                    plugin
                            + ": "
                            + key
                            + " needs 'bootstrap.servers', the brokers (host:port,host:port)");
        }
    }

    /** Each setting as the table's {@code properties.<key>}, in their order. */
    static void putProperties(Map<String, String> settings, TableDef table) {
        settings.forEach((key, value) -> table.options.put("properties." + key, value));
    }
}
