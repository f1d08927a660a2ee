package org.flinkx.launcher;

import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.apache.flink.client.deployment.DefaultClusterClientServiceLoader;
import org.apache.flink.client.deployment.application.ApplicationConfiguration;
import org.apache.flink.client.deployment.application.cli.ApplicationClusterDeployer;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.PipelineOptions;

/**
 * Deploys an application cluster (YARN or native Kubernetes) through Flink's {@link
 * ApplicationClusterDeployer}; its JobManager runs {@link ApplicationMain}, which takes the job's
 * SQL from the configuration ({@link ApplicationMain#SCRIPT}, a key Flink masks in its logs and web
 * UI: the SQL holds passwords), so the statements are planned and run inside the cluster. The
 * launcher jar is the application's jar: uploaded by Flink on YARN; on Kubernetes it must be in the
 * image, by default at {@code local:///opt/flink/usrlib/<launcher jar>} (override with {@code
 * pipeline.jars} in {@code -confProp}). The connectors come from the cluster's {@code lib/}.
 */
final class ApplicationLauncher {

    private ApplicationLauncher() {}

    static void deploy(Mode mode, Configuration config, String script, PrintStream out)
            throws Exception {
        config.set(DeploymentOptions.TARGET, mode.target().orElseThrow());
        if (!config.contains(PipelineOptions.JARS)) {
            config.set(PipelineOptions.JARS, List.of(launcherJar(mode)));
        }
        config.set(
                ApplicationMain.SCRIPT,
                Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_8)));
        ApplicationConfiguration application =
                new ApplicationConfiguration(new String[0], ApplicationMain.class.getName());
        Object clusterId =
                new ApplicationClusterDeployer(new DefaultClusterClientServiceLoader())
                        .run(config, application);
        out.println(
                "Application cluster "
                        + clusterId
                        + " deployed ("
                        + mode.cliName()
                        + "); the job's progress is in its web UI");
    }

    private static String launcherJar(Mode mode) throws URISyntaxException {
        Path jar =
                Path.of(Flinkx.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return mode == Mode.KUBERNETES_APPLICATION
                ? "local:///opt/flink/usrlib/" + jar.getFileName()
                : jar.toUri().toString();
    }
}
