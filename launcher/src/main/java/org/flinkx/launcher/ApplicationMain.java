package org.flinkx.launcher;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The entry point of an application cluster deployed by {@link ApplicationLauncher}: runs the job's
 * statements ({@link #SCRIPT} of the cluster's configuration) in the JobManager; Flink's
 * application mode submits each job to the cluster it runs in. Progress is in the web UI, the
 * output in the JobManager's log.
 */
@Internal
public final class ApplicationMain {

    /**
     * The job's SQL, Base64. Not a program argument, which Flink logs: the key holds "secret", so
     * Flink prints {@code ******} for its value in logs and the web UI.
     */
    static final ConfigOption<String> SCRIPT =
            ConfigOptions.key("flinkx.application.script-secret")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("The SQL an application cluster of bin/flinkx runs (Base64).");

    private ApplicationMain() {}

    public static void main(String[] args) throws Exception {
        String encoded =
                StreamExecutionEnvironment.getExecutionEnvironment().getConfiguration().get(SCRIPT);
        if (encoded == null) {
            throw new IllegalArgumentException(
                    SCRIPT.key() + " is not set: deploy with bin/flinkx");
        }
        String script = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        try (FlinkSession session = FlinkSession.inCluster(new Configuration())) {
            StatementExecutor executor =
                    new StatementExecutor(
                            session, ProgressReporter.Mode.OFF, System.out, System.err, Map.of());
            int code =
                    Flinkx.execute(
                            Flinkx.statements(script), executor, System.out, System.err, true);
            if (code != 0) {
                throw new IllegalStateException("the FlinkX job failed; see the log above");
            }
        }
    }
}
