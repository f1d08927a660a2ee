package org.flinkx.launcher.json;

import static org.flinkx.launcher.json.KafkaClientSettings.CONNECTOR;
import static org.flinkx.launcher.json.KafkaClientSettings.SETTINGS;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code kafkareader} (ChunJun's {@code kafkasource}, and the keys of the older FlinkX's Kafka
 * plugins) as a {@code flinkx-kafka} table.
 *
 * <p>It reads each message as text ({@code codec} {@code text}: one STRING column {@code message},
 * Flink's {@code raw} format) or as a JSON object whose fields are the {@code column}s ({@code
 * codec} {@code json}). It is unbounded, as ChunJun's was: the job runs until it is cancelled.
 * {@link KafkaReaderColumns} reads the messages' columns, {@link KafkaWriterPlugin} is the writer,
 * {@link KafkaClientSettings} what both share.
 */
final class KafkaReaderPlugin {

    private static final List<String> MODES =
            List.of(
                    "group-offsets",
                    "earliest-offset",
                    "latest-offset",
                    "timestamp",
                    "specific-offsets");

    private static final String CDC =
            "ChunJun's CDC deserialization only; FlinkX reads each message as `codec` says";

    static final KeyTable READER_KEYS =
            KeyTable.builder()
                    .read(
                            "topic",
                            "`topic`: one topic, or several separated by `,` (or a list), joined with `;`")
                    .read(
                            "topics",
                            "ChunJun's list of topics: `topic` (it wins over `topic`, as in ChunJun)")
                    .read(
                            "consumerSettings",
                            SETTINGS + "; a `group.id` here wins over `groupId`, as in ChunJun")
                    .read(
                            "groupId",
                            "`properties.group.id`; absent: `default`, the group ChunJun documents")
                    .read(
                            "mode",
                            "`scan.startup.mode`: `group-offsets` (default; a partition without a committed offset "
                                    + "starts at the latest offset: `properties.auto.offset.reset` = `latest`, the Kafka "
                                    + "consumer's default, unless `consumerSettings` sets it), `earliest-offset`, "
                                    + "`latest-offset`, `timestamp`, `specific-offsets`")
                    .read(
                            "timestamp",
                            "milliseconds: `scan.startup.timestamp-millis` (mode `timestamp`; with another mode "
                                    + "warned about and unused)")
                    .read(
                            "offset",
                            "`partition:0,offset:42;partition:1,offset:300`: `scan.startup.specific-offsets` "
                                    + "(mode `specific-offsets`, one topic; with another mode warned about and unused)")
                    .read(
                            "codec",
                            "`text` (default; `plain` in older releases): `format` = `raw`, each message one "
                                    + "STRING column `message`; `json`: `format` = `json`, the fields named by `column` "
                                    + "(a message that is not JSON is a bad record: dirty data and `errorLimit`, where "
                                    + "ChunJun passed it on as text)")
                    .read(
                            "column",
                            "`json`: `{name, type, format, value}`, each a field of the message by name (a missing "
                                    + "field is NULL); `format` of a time column: `yyyy-MM-dd HH:mm:ss[.SSS]` or "
                                    + "`yyyy-MM-dd'T'HH:mm:ss[.SSS]` (`json.timestamp-format.standard` = `ISO-8601`), "
                                    + "others fail; `value`: a constant. `text`: one STRING column, the message")
                    .read(
                            "encoding",
                            "`text`: `raw.charset`; JSON is read as UTF-8 (another encoding is warned about)")
                    .read(
                            "deserialization",
                            "`default` only: FlinkX reads the messages as `codec` says (read Debezium, Canal or "
                                    + "Maxwell JSON in a flinkx-kafka SQL job, `value.format` = `debezium-json`, ...)")
                    .ignored("blankIgnore", "FlinkX reads every message, empty ones too")
                    .ignored(
                            "addMessage",
                            "a `message` column of a JSON message is its field `message`: FlinkX does not add "
                                    + "the whole message to it (read whole messages with codec text)")
                    .ignored("deserializationProperties", CDC)
                    .ignored("pavingData", CDC)
                    .ignored("split", CDC)
                    .ignored("tableSchema", CDC)
                    .ignored("filter", CDC)
                    .ignored("nullReplaceNotExistsField", "a field missing from a message is NULL")
                    .build();

    private KafkaReaderPlugin() {}

    static Plugin reader() {
        return Plugin.reader("kafkareader", CONNECTOR, READER_KEYS, KafkaReaderPlugin::readerTable);
    }

    private static TableDef readerTable(Parameters parameters, Plugin.Context context) {
        String plugin = parameters.plugin();
        List<String> warnings = context.warnings();
        TableDef table = new TableDef("reader", CONNECTOR);
        List<String> topics = readerTopics(parameters);
        table.options.put("topic", String.join(";", topics));

        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("group.id", parameters.text("groupId").orElse("default"));
        settings.putAll(KafkaClientSettings.settings(parameters, "consumerSettings", warnings));
        KafkaClientSettings.requireServers(plugin, "consumerSettings", settings);

        String mode = parameters.text("mode").orElse("group-offsets").toLowerCase(Locale.ROOT);
        if (!MODES.contains(mode)) {
            throw new IllegalArgumentException(
                    plugin + ": mode '" + mode + "' is not one of " + String.join(", ", MODES));
        }
        if (mode.equals("group-offsets")) {
            // ChunJun's consumer fell back on the Kafka client's default; flinkx-kafka fails
            // without a setting.
            settings.putIfAbsent("auto.offset.reset", "latest");
        }
        KafkaClientSettings.putProperties(settings, table);
        table.options.put("scan.startup.mode", mode);
        startPosition(parameters, mode, topics, table, warnings);

        String codec = parameters.text("codec").orElse("text").toLowerCase(Locale.ROOT);
        List<Columns.Spec> specs = Columns.specs(parameters);
        switch (codec) {
            case "text", "plain" -> KafkaReaderColumns.text(parameters, specs, table);
            case "json" -> KafkaReaderColumns.json(parameters, specs, table, warnings);
            default ->
                    throw new IllegalArgumentException(
                            plugin + ": codec '" + codec + "' is not one of text, plain, json");
        }
        parameters
                .text("deserialization")
                .filter(value -> !value.equalsIgnoreCase("default"))
                .ifPresent(
                        value -> {
                            throw new IllegalArgumentException(
                                    plugin
                                            + ": deserialization '"
                                            + value
                                            + "' is not translated: FlinkX reads "
                                            + "each message as text or JSON ('codec'); read Debezium, Canal or Maxwell "
                                            + "JSON in a flinkx-kafka SQL job ('value.format' = 'debezium-json', ...)");
                        });
        return table;
    }

    /** {@code topics} (ChunJun's list) or {@code topic} (one, or several separated by commas). */
    private static List<String> readerTopics(Parameters parameters) {
        List<String> given =
                parameters.texts("topics").isEmpty()
                        ? parameters.texts("topic")
                        : parameters.texts("topics");
        List<String> topics = new ArrayList<>();
        for (String entry : given) {
            for (String topic : entry.split("[,;]")) {
                if (!topic.isBlank()) {
                    topics.add(topic.trim());
                }
            }
        }
        if (topics.isEmpty()) {
            throw new IllegalArgumentException(
                    parameters.plugin() + ": parameter 'topic' is required");
        }
        return topics;
    }

    /** {@code timestamp} or {@code offset}, for the modes that use them. */
    private static void startPosition(
            Parameters parameters,
            String mode,
            List<String> topics,
            TableDef table,
            List<String> warnings) {
        String plugin = parameters.plugin();
        Optional<String> timestamp = parameters.text("timestamp");
        Optional<String> offset = parameters.text("offset");
        if (mode.equals("timestamp")) {
            String millis =
                    timestamp.orElseThrow(
                            () ->
                                    new IllegalArgumentException(
                                            plugin
                                                    + ": mode 'timestamp' needs 'timestamp' "
                                                    + "(milliseconds since the epoch)"));
            if (!millis.matches("\\d+")) {
                throw new IllegalArgumentException(
                        plugin
                                + ": timestamp '"
                                + millis
                                + "' is not a number of milliseconds since the epoch");
            }
            table.options.put("scan.startup.timestamp-millis", millis);
        } else {
            timestamp.ifPresent(
                    ignored ->
                            warnings.add(
                                    plugin
                                            + ": parameter 'timestamp' is unused: mode is '"
                                            + mode
                                            + "', not 'timestamp'"));
        }
        if (mode.equals("specific-offsets")) {
            String offsets =
                    offset.orElseThrow(
                            () ->
                                    new IllegalArgumentException(
                                            plugin
                                                    + ": mode 'specific-offsets' needs 'offset' "
                                                    + "('partition:0,offset:42;partition:1,offset:300')"));
            if (topics.size() != 1) {
                throw new IllegalArgumentException(
                        plugin
                                + ": mode 'specific-offsets' reads one topic (its 'offset' names "
                                + "partitions), not "
                                + topics);
            }
            table.options.put(
                    "scan.startup.specific-offsets",
                    offsets.toLowerCase(Locale.ROOT).replaceAll("\\s+", ""));
        } else {
            offset.ifPresent(
                    ignored ->
                            warnings.add(
                                    plugin
                                            + ": parameter 'offset' is unused: mode is '"
                                            + mode
                                            + "', not 'specific-offsets'"));
        }
    }
}
