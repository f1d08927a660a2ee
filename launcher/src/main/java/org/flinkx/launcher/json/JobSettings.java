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

    private static final Map<String, Set<String>> KEYS = Map.of(
            "speed", Set.of("channel", "readerChannel", "writerChannel", "bytes", "rebalance"),
            "errorLimit", Set.of("record", "percentage"),
            "dirty", Set.of("path", "hadoopConfig"),
            "restore", Set.of("isRestore", "isStream", "restoreColumnName", "restoreColumnType",
                    "restoreColumnIndex", "maxRowNumForCheckpoint"),
            "restart", Set.of("strategy", "restartAttempts", "delayInterval", "failureRate", "failureInterval"),
            "log", Set.of("isLogger", "level", "path", "pattern"),
            "metricPluginConf", Set.of("pluginName", "rowSizeCalculatorType", "pluginProp"),
            "metricPluginConfig", Set.of("pluginName", "rowSizeCalculatorType", "pluginProp"),
            "test", Set.of("failedPerRecord", "errorMsg", "speedTest"));

    private static final Map<String, String> IGNORED = Map.of(
            "restore.isStream", "a job is unbounded when its reader is (binlog, polling)",
            "restore.restoreColumnType", "the type comes from the table",
            "restore.restoreColumnIndex", "the column is named by restoreColumnName",
            "restore.maxRowNumForCheckpoint", "a checkpoint holds each split's last read position, however many rows it read",
            "dirty.hadoopConfig", "dirty records go to local files or the task log");

    /** The default checkpoint interval of a job with {@code restore.isRestore}. */
    static final String RESTORE_CHECKPOINT_INTERVAL = "60 s";

    private final JsonNode setting;
    private final List<String> warnings;

    JobSettings(JsonNode setting, List<String> warnings) {
        this.setting = setting == null || setting.isNull() ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : setting;
        this.warnings = warnings;
        if (!this.setting.isMissingNode() && !this.setting.isObject()) {
            throw new IllegalArgumentException("job.setting must be an object");
        }
        this.setting.fieldNames().forEachRemaining(group -> {
            Set<String> keys = KEYS.get(group);
            if (keys == null) {
                throw new IllegalArgumentException("unknown key job.setting." + group + "; job.setting has "
                        + new java.util.TreeSet<>(KEYS.keySet()));
            }
            this.setting.get(group).fieldNames().forEachRemaining(key -> {
                if (!keys.contains(key)) {
                    throw new IllegalArgumentException("unknown key job.setting." + group + "." + key
                            + "; job.setting." + group + " has " + new java.util.TreeSet<>(keys));
                }
            });
        });
        IGNORED.forEach((key, why) -> {
            String[] path = key.split("\\.");
            if (this.setting.path(path[0]).has(path[1])) {
                warnings.add("job.setting." + key + " is ignored: " + why);
            }
        });
        for (String ignored : List.of("log", "metricPluginConf", "metricPluginConfig", "test")) {
            if (this.setting.has(ignored)) {
                warnings.add("job.setting." + ignored + " is ignored: " + switch (ignored) {
                    case "log" -> "logging is configured in conf/log4j2.properties";
                    case "test" -> "test settings have no FlinkX counterpart";
                    default -> "FlinkX's metrics go to Flink's metric reporters and web UI";
                });
            }
        }
    }

    int channels() {
        return intValue("speed", "channel", 1);
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
            String strategy = restart.path("strategy").asText("fixedDelay").toLowerCase(Locale.ROOT);
            switch (strategy) {
                case "fixeddelay" -> {
                    settings.put("restart-strategy.type", "fixed-delay");
                    settings.put("restart-strategy.fixed-delay.attempts", restart.path("restartAttempts").asText("5"));
                    settings.put("restart-strategy.fixed-delay.delay", restart.path("delayInterval").asText("10") + " s");
                }
                case "failurerate" -> {
                    settings.put("restart-strategy.type", "failure-rate");
                    settings.put("restart-strategy.failure-rate.max-failures-per-interval",
                            restart.path("failureRate").asText("2"));
                    settings.put("restart-strategy.failure-rate.failure-rate-interval",
                            restart.path("failureInterval").asText("60") + " s");
                    settings.put("restart-strategy.failure-rate.delay", restart.path("delayInterval").asText("10") + " s");
                }
                case "norestart" -> settings.put("restart-strategy.type", "none");
                default -> throw new IllegalArgumentException("job.setting.restart.strategy '" + strategy
                        + "' is not one of fixedDelay, failureRate, NoRestart");
            }
        }
        if (bool("speed", "rebalance")) {
            warnings.add("job.setting.speed.rebalance is ignored: Flink rebalances between a reader and a "
                    + "writer of different parallelism by itself");
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
            reader.options.put("scan.rate-limit.bytes-per-second",
                    Math.max(1, (bytes + parallelism - 1) / parallelism) + " b");
        }
        applyErrorHandling(reader);
        String restoreColumn = setting.path("restore").path("restoreColumnName").asText("");
        if (!restoreColumn.isEmpty() && reader.options.get("connector").startsWith("flinkx-")
                && reader.options.containsKey("table-name")) {
            String split = reader.options.get("scan.partition.column");
            if (split == null) {
                reader.options.put("scan.partition.column", restoreColumn);
            } else if (!split.equalsIgnoreCase(restoreColumn)) {
                warnings.add("job.setting.restore.restoreColumnName '" + restoreColumn + "' is ignored: "
                        + "FlinkX resumes each split on its split column 'splitPk' ('" + split + "')");
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

    private static final String DIRTY_NOT_LOCAL = "job.setting.dirty.path is not a local directory: FlinkX "
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
