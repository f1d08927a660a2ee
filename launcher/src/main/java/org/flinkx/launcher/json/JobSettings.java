package org.flinkx.launcher.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code job.setting} of a FlinkX/ChunJun job: {@code speed}, {@code errorLimit}, {@code dirty},
 * {@code restore}, {@code restart} (Flink settings, as {@code SET}s, and options of the FlinkX
 * tables); {@code log}, {@code metricPluginConf} and {@code test} are reported and ignored.
 */
final class JobSettings {

    private static final String LOG = "ignored: logging is configured in conf/log4j2.properties";
    private static final String METRICS =
            "ignored: FlinkX's metrics go to Flink's metric reporters and web UI";
    private static final String TEST = "ignored: test settings have no FlinkX counterpart";

    /**
     * Every key of {@code job.setting}, and what FlinkX does with it (docs/json-jobs.md lists
     * them).
     */
    static final Map<String, String> KEYS =
            keys(
                    "speed.channel",
                    "`parallelism.default`",
                    "speed.readerChannel",
                    "the reader's `scan.parallelism`",
                    "speed.writerChannel",
                    "the writer's `sink.parallelism`",
                    "speed.bytes",
                    "the job's bytes per second: each reader subtask's `scan.rate-limit.bytes-per-second` "
                            + "is its share (FlinkX readers)",
                    "speed.rebalance",
                    "ignored: Flink rebalances between a reader and a writer of different parallelism",
                    "errorLimit.record",
                    "`errors.max-count` of the reader and the writer (FlinkX connectors)",
                    "errorLimit.percentage",
                    "`errors.max-percentage` of the reader and the writer",
                    "dirty.path",
                    "a local absolute path: `dirty.sink` = `file`, `dirty.path`; any other: dirty "
                            + "records go to the task log (warned)",
                    "dirty.hadoopConfig",
                    "ignored: dirty records go to local files or the task log",
                    "restore.isRestore",
                    "checkpoints every 60 s (`execution.checkpointing.interval`, unless given "
                            + "on the command line or by `flink.checkpoint.interval`)",
                    "restore.isStream",
                    "ignored: a job is unbounded when its reader is (binlog, kafka, polling)",
                    "restore.restoreColumnName",
                    "the JDBC reader's resume column `scan.partition.column`, unless "
                            + "`splitPk` names another (warned)",
                    "restore.restoreColumnType",
                    "ignored: the type comes from the table",
                    "restore.restoreColumnIndex",
                    "ignored: the column is named by restoreColumnName",
                    "restore.maxRowNumForCheckpoint",
                    "ignored: a checkpoint holds each split's last read position",
                    "restart.strategy",
                    "`restart-strategy.type`: `fixedDelay` fixed-delay, `failureRate` failure-rate, "
                            + "`NoRestart` none",
                    "restart.restartAttempts",
                    "`restart-strategy.fixed-delay.attempts` (5 by default)",
                    "restart.delayInterval",
                    "seconds: `restart-strategy.fixed-delay.delay` or `.failure-rate.delay` (10)",
                    "restart.failureRate",
                    "`restart-strategy.failure-rate.max-failures-per-interval` (2)",
                    "restart.failureInterval",
                    "seconds: `restart-strategy.failure-rate.failure-rate-interval` (60)",
                    "log.isLogger",
                    LOG,
                    "log.level",
                    LOG,
                    "log.path",
                    LOG,
                    "log.pattern",
                    LOG,
                    "metricPluginConf.pluginName",
                    METRICS,
                    "metricPluginConf.rowSizeCalculatorType",
                    METRICS,
                    "metricPluginConf.pluginProp",
                    METRICS,
                    "metricPluginConfig.pluginName",
                    METRICS,
                    "metricPluginConfig.rowSizeCalculatorType",
                    METRICS,
                    "metricPluginConfig.pluginProp",
                    METRICS,
                    "test.failedPerRecord",
                    TEST,
                    "test.errorMsg",
                    TEST,
                    "test.speedTest",
                    TEST);

    private static Map<String, String> keys(String... keysAndMeanings) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (int i = 0; i < keysAndMeanings.length; i += 2) {
            keys.put(keysAndMeanings[i], keysAndMeanings[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(keys);
    }

    /** The default checkpoint interval of a job with {@code restore.isRestore}. */
    static final String RESTORE_CHECKPOINT_INTERVAL = "60 s";

    private final JsonNode setting;
    private final List<String> warnings;

    JobSettings(JsonNode setting, List<String> warnings) {
        this.setting =
                setting == null || setting.isNull()
                        ? com.fasterxml.jackson.databind.node.MissingNode.getInstance()
                        : setting;
        this.warnings = warnings;
        if (!this.setting.isMissingNode() && !this.setting.isObject()) {
            throw new IllegalArgumentException("job.setting must be an object");
        }
        Set<String> groups = new java.util.TreeSet<>();
        KEYS.keySet().forEach(key -> groups.add(key.substring(0, key.indexOf('.'))));
        this.setting
                .fieldNames()
                .forEachRemaining(
                        group -> {
                            if (!groups.contains(group)) {
                                throw new IllegalArgumentException(
                                        "unknown key job.setting."
                                                + group
                                                + "; job.setting has "
                                                + groups);
                            }
                            this.setting
                                    .get(group)
                                    .fieldNames()
                                    .forEachRemaining(
                                            key -> {
                                                String meaning = KEYS.get(group + "." + key);
                                                if (meaning == null) {
                                                    throw new IllegalArgumentException(
                                                            "unknown key job.setting."
                                                                    + group
                                                                    + "."
                                                                    + key
                                                                    + "; job.setting."
                                                                    + group
                                                                    + " has "
                                                                    + keysOf(group));
                                                }
                                                if (meaning.startsWith("ignored: ")) {
                                                    warnings.add(
                                                            "job.setting."
                                                                    + group
                                                                    + "."
                                                                    + key
                                                                    + " is "
                                                                    + meaning);
                                                }
                                            });
                        });
    }

    private static Set<String> keysOf(String group) {
        Set<String> keys = new java.util.TreeSet<>();
        KEYS.keySet().stream()
                .filter(key -> key.startsWith(group + "."))
                .forEach(key -> keys.add(key.substring(group.length() + 1)));
        return keys;
    }

    int channels() {
        return intValue("speed", "channel", 1);
    }

    /** The writer's parallelism: {@code speed.writerChannel}, else {@code speed.channel}. */
    int writerChannels() {
        int writerChannel = intValue("speed", "writerChannel", -1);
        return writerChannel > 0 ? writerChannel : channels();
    }

    /** The Flink settings, as {@code SET} statements (the command line overrides them). */
    Map<String, String> flinkSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("parallelism.default", String.valueOf(channels()));
        if (bool("restore", "isRestore")) {
            settings.put("execution.checkpointing.interval", RESTORE_CHECKPOINT_INTERVAL);
        }
        JsonNode restart = setting.path("restart");
        if (!restart.isMissingNode()) {
            String strategy =
                    restart.path("strategy").asText("fixedDelay").toLowerCase(Locale.ROOT);
            switch (strategy) {
                case "fixeddelay" -> {
                    settings.put("restart-strategy.type", "fixed-delay");
                    settings.put(
                            "restart-strategy.fixed-delay.attempts",
                            restart.path("restartAttempts").asText("5"));
                    settings.put(
                            "restart-strategy.fixed-delay.delay",
                            restart.path("delayInterval").asText("10") + " s");
                }
                case "failurerate" -> {
                    settings.put("restart-strategy.type", "failure-rate");
                    settings.put(
                            "restart-strategy.failure-rate.max-failures-per-interval",
                            restart.path("failureRate").asText("2"));
                    settings.put(
                            "restart-strategy.failure-rate.failure-rate-interval",
                            restart.path("failureInterval").asText("60") + " s");
                    settings.put(
                            "restart-strategy.failure-rate.delay",
                            restart.path("delayInterval").asText("10") + " s");
                }
                case "norestart" -> settings.put("restart-strategy.type", "none");
                default ->
                        throw new IllegalArgumentException(
                                "job.setting.restart.strategy '"
                                        + strategy
                                        + "' is not one of fixedDelay, failureRate, NoRestart");
            }
        }
        return settings;
    }

    /** Options of the reader's table (only FlinkX connectors take them). */
    void applyToReader(TableDef reader) {
        int readerChannel = intValue("speed", "readerChannel", -1);
        if (readerChannel > 0) {
            reader.options.put("scan.parallelism", String.valueOf(readerChannel));
        }
        if (!isFlinkx(reader)) {
            return;
        }
        long bytes = setting.path("speed").path("bytes").asLong(0);
        if (bytes > 0 && bytes < Long.MAX_VALUE) {
            int parallelism = readerChannel > 0 ? readerChannel : channels();
            // speed.bytes is the job's; FlinkX's limit is each reader subtask's.
            reader.options.put(
                    "scan.rate-limit.bytes-per-second",
                    Math.max(1, (bytes + parallelism - 1) / parallelism) + " b");
        }
        applyErrorHandling(reader);
        String restoreColumn = setting.path("restore").path("restoreColumnName").asText("");
        if (!restoreColumn.isEmpty()
                && reader.options.get("connector").startsWith("flinkx-")
                && reader.options.containsKey("table-name")) {
            String split = reader.options.get("scan.partition.column");
            if (split == null) {
                reader.options.put("scan.partition.column", restoreColumn);
            } else if (!split.equalsIgnoreCase(restoreColumn)) {
                warnings.add(
                        "job.setting.restore.restoreColumnName '"
                                + restoreColumn
                                + "' is ignored: "
                                + "FlinkX resumes each split on its split column 'splitPk' ('"
                                + split
                                + "')");
            }
        }
    }

    /** Options of the writer's table. */
    void applyToWriter(TableDef writer) {
        int writerChannel = intValue("speed", "writerChannel", -1);
        if (writerChannel > 0) {
            writer.options.put("sink.parallelism", String.valueOf(writerChannel));
        }
        if (isFlinkx(writer)) {
            applyErrorHandling(writer);
        }
    }

    private void applyErrorHandling(TableDef table) {
        JsonNode errorLimit = setting.path("errorLimit");
        if (errorLimit.has("record")) {
            table.options.put("errors.max-count", errorLimit.get("record").asText());
        }
        if (errorLimit.has("percentage")) {
            table.options.put("errors.max-percentage", errorLimit.get("percentage").asText());
        }
        String dirty = setting.path("dirty").path("path").asText("");
        if (!dirty.isEmpty()) {
            if (dirty.startsWith("/") || dirty.startsWith("file:")) {
                table.options.put("dirty.sink", "file");
                table.options.put("dirty.path", dirty);
            } else if (!warnings.contains(DIRTY_NOT_LOCAL)) {
                warnings.add(DIRTY_NOT_LOCAL);
            }
        }
    }

    private static final String DIRTY_NOT_LOCAL =
            "job.setting.dirty.path is not a local directory: FlinkX "
                    + "writes dirty records into local files of each TaskManager or to the task log, so they go "
                    + "to the task log (give an absolute local path to keep them in files)";

    private static boolean isFlinkx(TableDef table) {
        return table.options.get("connector").startsWith("flinkx-");
    }

    private boolean bool(String group, String key) {
        return setting.path(group).path(key).asBoolean(false);
    }

    private int intValue(String group, String key, int defaultValue) {
        JsonNode value = setting.path(group).path(key);
        return value.isMissingNode() || value.isNull() ? defaultValue : value.asInt(defaultValue);
    }
}
