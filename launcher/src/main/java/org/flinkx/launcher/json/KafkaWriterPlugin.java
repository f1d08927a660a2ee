package org.flinkx.launcher.json;

import static org.flinkx.launcher.json.KafkaClientSettings.BOOTSTRAP_SERVERS;
import static org.flinkx.launcher.json.KafkaClientSettings.CONNECTOR;
import static org.flinkx.launcher.json.KafkaClientSettings.MESSAGE;
import static org.flinkx.launcher.json.KafkaClientSettings.SETTINGS;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code kafkawriter} (ChunJun's {@code kafkasink}, and the keys of the older FlinkX's Kafka
 * plugins) as a {@code flinkx-kafka} table.
 *
 * <p>It writes each row as a JSON object named by {@code tableFields} (or {@code column}), the
 * changes of a changelog reader (binlogreader) as Debezium JSON events. {@link KafkaReaderPlugin}
 * is the reader; {@link KafkaClientSettings} what both share.
 */
final class KafkaWriterPlugin {

    private static final List<String> SEMANTICS = List.of("at-least-once", "exactly-once", "none");

    private static final String PRODUCER_BATCHES =
            "the Kafka producer batches by itself: set `linger.ms` and `batch.size` in `producerSettings`";

    static final KeyTable WRITER_KEYS =
            KeyTable.builder()
                    .read("topic", "`topic`: one topic (a list, or `%{...}` placeholders, fail)")
                    .read("topics", "ChunJun's list: its one topic, when `topic` is absent")
                    .read(
                            "producerSettings",
                            SETTINGS
                                    + "; `transactional.id`: `sink.transactional-id-prefix` (see `semantic`)")
                    .read(
                            "consumerSettings",
                            "read as `producerSettings` when that is absent (ChunJun's sink page names it so)")
                    .read(
                            "brokerList",
                            "`properties.bootstrap.servers` when the settings have none (kafka09writer's key)")
                    .read(
                            "tableFields",
                            "the names of the JSON fields, matched by position with the reader's columns (extra "
                                    + "names are dropped, warned; too few fail); absent: `column`'s names, else the "
                                    + "reader's column names (ChunJun then wrote `{\"message\": \"v1,v2,...\"}`: warned)")
                    .read(
                            "column",
                            "names or `{name, type}` matched by position with the reader's columns; no type: the "
                                    + "reader column's (values keep their JSON types, where ChunJun wrote strings: give "
                                    + "`type` `string` for that)")
                    .read(
                            "partitionAssignColumns",
                            "`key.format` = `json`, `key.fields`: each message's key is a JSON object of these "
                                    + "columns, and Kafka's partitioner sends one key to one partition (ChunJun chose "
                                    + "the partition from them and wrote no key)")
                    .read(
                            "partitionStrategy",
                            "`hash-by-key`: the key (as `partitionAssignColumns`) is the reader's primary key "
                                    + "(binlogreader); `all-to-zero` (default): no key")
                    .read(
                            "dataCompelOrder",
                            "`true`: the writer must run in one subtask (`speed.writerChannel` or `channel` 1, "
                                    + "else it fails, as in ChunJun); without a key, `sink.partitioner` = `fixed`: "
                                    + "every message to one partition, in order")
                    .read(
                            "semantic",
                            "`sink.delivery-guarantee`: `at-least-once` (default; ChunJun's only one), "
                                    + "`exactly-once` (transactions committed at checkpoints; `sink.transactional-id-prefix` "
                                    + "= `producerSettings.transactional.id`, else `flinkx-<topic>`), `none`; the "
                                    + "writer's own `semantic` wins")
                    .read(
                            "tableIdToTopicMapping",
                            "must be absent: FlinkX writes one topic (route tables to topics in a SQL job)")
                    .ignored(
                            "codec",
                            "messages are JSON objects (`format` = `json`), as ChunJun wrote them; the changes of "
                                    + "a changelog reader (binlogreader) are Debezium JSON events (`debezium-json`)")
                    .ignored("encoding", "JSON is written as UTF-8")
                    .ignored(
                            "timezone",
                            "it formatted the older releases' `%{+yyyy.MM.dd}` placeholders in `topic`, "
                                    + "which FlinkX does not take")
                    .ignored("batchSize", PRODUCER_BATCHES)
                    .ignored("flushIntervalMills", PRODUCER_BATCHES)
                    .build();

    private KafkaWriterPlugin() {}

    static Plugin writer() {
        return Plugin.writer("kafkawriter", CONNECTOR, WRITER_KEYS, KafkaWriterPlugin::writerTable);
    }

    private static TableDef writerTable(Parameters parameters, Plugin.Context context) {
        String plugin = parameters.plugin();
        List<String> warnings = context.warnings();
        TableDef reader = context.reader();
        TableDef table = new TableDef("writer", CONNECTOR);
        String topic = writerTopic(parameters);
        table.options.put("topic", topic);
        parameters
                .node("tableIdToTopicMapping")
                .filter(mapping -> !mapping.asText().isEmpty() || !mapping.isEmpty())
                .ifPresent(
                        mapping -> {
                            throw new IllegalArgumentException(
                                    plugin
                                            + ": 'tableIdToTopicMapping' is not translated: FlinkX "
                                            + "writes one topic ('topic'); route tables to topics in a flinkx-kafka SQL job");
                        });

        String settingsKey =
                parameters.node("producerSettings").isPresent()
                        ? "producerSettings"
                        : "consumerSettings";
        Map<String, String> settings =
                KafkaClientSettings.settings(parameters, settingsKey, warnings);
        parameters
                .text("brokerList")
                .ifPresent(brokers -> settings.putIfAbsent(BOOTSTRAP_SERVERS, brokers));
        KafkaClientSettings.requireServers(plugin, "producerSettings", settings);
        String transactionalId = settings.remove("transactional.id");
        KafkaClientSettings.putProperties(settings, table);

        columns(parameters, table, reader, warnings);
        boolean changelog = !reader.primaryKey.isEmpty();
        List<String> key = key(parameters, table, reader);
        if (key.isEmpty()) {
            table.options.put("format", changelog ? "debezium-json" : "json");
        } else {
            table.options.put("key.format", "json");
            table.options.put("key.fields", String.join(";", key));
            table.options.put("value.format", changelog ? "debezium-json" : "json");
        }
        if (parameters.flag("dataCompelOrder")) {
            if (context.writerChannels() > 1) {
                throw new IllegalArgumentException(
                        plugin
                                + ": dataCompelOrder keeps the rows' order with one writer subtask, "
                                + "not "
                                + context.writerChannels()
                                + ": set job.setting.speed.writerChannel (or channel) to 1, as ChunJun required");
            }
            if (key.isEmpty()) {
                table.options.put("sink.partitioner", "fixed");
            }
        }
        deliveryGuarantee(parameters, context, topic, transactionalId, table);
        return table;
    }

    /** The one topic: {@code topic}, else the one of ChunJun's {@code topics}. */
    private static String writerTopic(Parameters parameters) {
        String plugin = parameters.plugin();
        List<String> topics =
                parameters.texts("topic").isEmpty()
                        ? parameters.texts("topics")
                        : parameters.texts("topic");
        topics = topics.stream().map(String::trim).filter(t -> !t.isEmpty()).toList();
        if (topics.isEmpty()) {
            throw new IllegalArgumentException(plugin + ": parameter 'topic' is required");
        }
        if (topics.size() > 1 || topics.get(0).matches(".*[,;].*")) {
            throw new IllegalArgumentException(
                    plugin
                            + ": FlinkX writes one topic, not "
                            + topics
                            + " (ChunJun's routing of "
                            + "each table's changes to a topic of its own is not translated)");
        }
        String topic = topics.get(0);
        if (topic.contains("%{")) {
            throw new IllegalArgumentException(
                    plugin
                            + ": topic '"
                            + topic
                            + "' has a %{...} placeholder, which FlinkX does not "
                            + "fill: name one topic (or write a 'topic' metadata column in a flinkx-kafka SQL job)");
        }
        return topic;
    }

    /**
     * The writer's columns: the names of {@code tableFields} (else of {@code column}, else the
     * reader's), the types of {@code column} (else the reader's), by position.
     */
    private static void columns(
            Parameters parameters, TableDef table, TableDef reader, List<String> warnings) {
        String plugin = parameters.plugin();
        List<String> fields = parameters.texts("tableFields");
        List<Columns.Spec> specs = Columns.specs(parameters);
        int read = reader.selected().size();
        if (!fields.isEmpty()) {
            if (fields.size() < read) {
                throw new IllegalArgumentException(
                        plugin
                                + ": tableFields names "
                                + fields.size()
                                + " fields, the reader reads "
                                + read
                                + " columns; name each (they are matched by position)");
            }
            if (fields.size() > read) {
                warnings.add(
                        plugin
                                + ": tableFields "
                                + fields.subList(read, fields.size())
                                + " are unused: the reader reads "
                                + read
                                + " columns, matched by position");
                fields = fields.subList(0, read);
            }
            if (specs.isEmpty()) {
                specs =
                        fields.stream()
                                .map(name -> new Columns.Spec(name, null, null, null))
                                .toList();
            } else if (specs.size() == read) {
                List<Columns.Spec> named = new ArrayList<>();
                for (int i = 0; i < read; i++) {
                    named.add(new Columns.Spec(fields.get(i), specs.get(i).type(), null, null));
                }
                specs = named;
            }
        } else if (specs.isEmpty()) {
            List<TableDef.Column> columns = reader.selected();
            if (reader.primaryKey.isEmpty()
                    && !(columns.size() == 1 && columns.get(0).name().equals(MESSAGE))) {
                warnings.add(
                        plugin
                                + ": without 'tableFields' each row is written as a JSON object of the "
                                + "reader's column names; ChunJun wrote {\"message\": \"v1,v2,...\"}");
            }
        }
        Columns.fromReader(parameters, table, specs, reader);
    }

    /**
     * The message key's columns: {@code partitionAssignColumns}, else for {@code partitionStrategy}
     * {@code hash-by-key} the reader's primary key; empty for none.
     */
    private static List<String> key(Parameters parameters, TableDef table, TableDef reader) {
        String plugin = parameters.plugin();
        List<String> names = table.columns.stream().map(TableDef.Column::name).toList();
        List<String> assigned = parameters.texts("partitionAssignColumns");
        String strategy =
                parameters.text("partitionStrategy").orElse("all-to-zero").toLowerCase(Locale.ROOT);
        if (!strategy.equals("all-to-zero") && !strategy.equals("hash-by-key")) {
            throw new IllegalArgumentException(
                    plugin
                            + ": partitionStrategy '"
                            + strategy
                            + "' is not one of all-to-zero, hash-by-key");
        }
        if (!assigned.isEmpty()) {
            for (String column : assigned) {
                if (!names.contains(column)) {
                    throw new IllegalArgumentException(
                            plugin
                                    + ": partitionAssignColumns names '"
                                    + column
                                    + "', which is not a column of the writer; its columns are "
                                    + names);
                }
            }
            return assigned;
        }
        if (strategy.equals("all-to-zero")) {
            return List.of();
        }
        if (reader.primaryKey.isEmpty()) {
            throw new IllegalArgumentException(
                    plugin
                            + ": partitionStrategy 'hash-by-key' keys each message by the reader's "
                            + "primary key, and this reader has none (binlogreader has one): name the key columns "
                            + "with 'partitionAssignColumns'");
        }
        // The reader's key columns, under the writer's names (matched by position).
        List<String> readNames = reader.selected().stream().map(TableDef.Column::name).toList();
        List<String> key = new ArrayList<>();
        for (String column : reader.primaryKey) {
            int index = readNames.indexOf(column);
            if (index < 0 || index >= names.size()) {
                throw new IllegalArgumentException(
                        plugin
                                + ": partitionStrategy 'hash-by-key': the reader's key column '"
                                + column
                                + "' is not written; name the key columns with 'partitionAssignColumns'");
            }
            key.add(names.get(index));
        }
        return key;
    }

    /** {@code semantic}: the writer's own (operator-level) wins over the parameter. */
    private static void deliveryGuarantee(
            Parameters parameters,
            Plugin.Context context,
            String topic,
            String transactionalId,
            TableDef table) {
        String plugin = parameters.plugin();
        Optional<String> semantic =
                Optional.ofNullable(context.semantic()).or(() -> parameters.text("semantic"));
        if (semantic.isEmpty()) {
            if (transactionalId != null) {
                table.options.put("sink.transactional-id-prefix", transactionalId);
            }
            return;
        }
        String guarantee = semantic.get().toLowerCase(Locale.ROOT);
        if (!SEMANTICS.contains(guarantee)) {
            throw new IllegalArgumentException(
                    plugin
                            + ": semantic '"
                            + semantic.get()
                            + "' is not one of "
                            + String.join(", ", SEMANTICS));
        }
        table.options.put("sink.delivery-guarantee", guarantee);
        if (guarantee.equals("exactly-once") || transactionalId != null) {
            table.options.put(
                    "sink.transactional-id-prefix",
                    transactionalId != null ? transactionalId : "flinkx-" + topic);
        }
    }
}
