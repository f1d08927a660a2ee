package org.flinkx.launcher;

import org.apache.flink.configuration.Configuration;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The entry point of an application cluster deployed by {@link ApplicationLauncher}: runs the job's
 * statements (its only argument, Base64) in the JobManager; Flink's application mode submits each
 * job to the cluster it runs in. Progress is in the web UI, the output in the JobManager's log.
 */
public final class ApplicationMain {

    private ApplicationMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("expected the job's SQL (Base64) as the only argument");
        }
        String script = new String(Base64.getDecoder().decode(args[0]), StandardCharsets.UTF_8);
        try (FlinkSession session = FlinkSession.inCluster(new Configuration())) {
            StatementExecutor executor = new StatementExecutor(
                    session, ProgressReporter.Mode.OFF, System.out, System.err, Map.of());
            int code = Flinkx.execute(Flinkx.statements(script), executor, System.out, System.err, true);
            if (code != 0) {
                throw new IllegalStateException("the FlinkX job failed; see the log above");
            }
        }
    }
}
