package org.flinkx.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.table.api.config.ExecutionConfigOptions;

/**
 * The Flink configuration a job runs with, from low to high precedence: the launcher's defaults,
 * Flink's {@code config.yaml} (every mode but {@code local}), {@code -confProp}, {@code -p} and
 * {@code -s}. The settings given on the command line also win over a job file's {@code SET}s
 * ({@link #commandLine}).
 */
final class FlinkConfig {

    private final Configuration configuration;
    private final Map<String, String> commandLine;

    private FlinkConfig(Configuration configuration, Map<String, String> commandLine) {
        this.configuration = configuration;
        this.commandLine = commandLine;
    }

    static FlinkConfig of(
            LauncherOptions options, Map<String, String> environment, List<String> warnings)
            throws LauncherOptions.UsageException {
        Configuration config = defaults();
        if (options.mode() != Mode.LOCAL) {
            Optional<Path> confDir = flinkConfDir(options, environment);
            if (confDir.isPresent()) {
                config.addAll(GlobalConfiguration.loadConfiguration(confDir.get().toString()));
                // as Flink's CLI does: YARN and Kubernetes ship the logging configuration from
                // there
                config.set(
                        org.apache.flink.configuration.DeploymentOptionsInternal.CONF_DIR,
                        confDir.get().toAbsolutePath().toString());
            } else {
                warnings.add(
                        "no Flink configuration found (-flinkConfDir, $FLINK_CONF_DIR or "
                                + "$FLINK_HOME/conf): using Flink's defaults and -confProp");
            }
        }
        Map<String, String> commandLine =
                new LinkedHashMap<>(ConfProps.parse(options.confProp(), warnings));
        options.parallelism()
                .ifPresent(
                        p ->
                                commandLine.put(
                                        CoreOptions.DEFAULT_PARALLELISM.key(), String.valueOf(p)));
        options.savepoint()
                .ifPresent(
                        path -> commandLine.put(StateRecoveryOptions.SAVEPOINT_PATH.key(), path));
        config.addAll(Configuration.fromMap(commandLine));
        return new FlinkConfig(config, Map.copyOf(commandLine));
    }

    /**
     * Mini-batch aggregation (a streaming aggregate emits an update per batch of rows, not per row,
     * so that a check such as {@code SELECT COUNT(*)} over millions of rows collects a few updates)
     * and a bounded restart strategy: with checkpointing on, Flink restarts a failing job forever
     * by default, and the launcher would wait forever on a job that fails each time.
     */
    private static Configuration defaults() {
        Configuration config = new Configuration();
        config.set(ExecutionConfigOptions.TABLE_EXEC_MINIBATCH_ENABLED, true);
        config.set(
                ExecutionConfigOptions.TABLE_EXEC_MINIBATCH_ALLOW_LATENCY, Duration.ofSeconds(1));
        config.set(ExecutionConfigOptions.TABLE_EXEC_MINIBATCH_SIZE, 10_000L);
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
        config.set(
                RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(1));
        return config;
    }

    private static Optional<Path> flinkConfDir(
            LauncherOptions options, Map<String, String> environment)
            throws LauncherOptions.UsageException {
        if (options.flinkConfDir().isPresent()) {
            Path dir = options.flinkConfDir().get();
            if (!Files.isDirectory(dir)) {
                throw new LauncherOptions.UsageException(
                        "-flinkConfDir " + dir + " is not a directory");
            }
            return Optional.of(dir);
        }
        if (environment.get("FLINK_CONF_DIR") != null) {
            return Optional.of(Path.of(environment.get("FLINK_CONF_DIR")));
        }
        return Optional.ofNullable(environment.get("FLINK_HOME"))
                .map(home -> Path.of(home, "conf"))
                .filter(Files::isDirectory);
    }

    /** A copy of the configuration, for one session or deployment. */
    Configuration configuration() {
        return new Configuration(configuration);
    }

    /** The settings given by {@code -confProp}, {@code -p} and {@code -s}. */
    Map<String, String> commandLine() {
        return commandLine;
    }
}
