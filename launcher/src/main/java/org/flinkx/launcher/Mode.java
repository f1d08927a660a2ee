package org.flinkx.launcher;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where {@code bin/flinkx} runs a job. Every mode but {@link #LOCAL} goes through Flink's own
 * client: the mode is Flink's {@code execution.target}, and Flink's executors and cluster client
 * factories (from {@code flink-clients}, {@code flink-yarn}, {@code flink-kubernetes}, all in a
 * Flink distribution's {@code lib/}) submit or deploy.
 */
enum Mode {
    /** A MiniCluster in the launcher's JVM. */
    LOCAL("local", null, List.of()),
    /** A running standalone session cluster: its REST endpoint from {@code config.yaml}. */
    STANDALONE("standalone", "remote", List.of("remote")),
    /** A running YARN session ({@code yarn.application.id}). */
    YARN_SESSION("yarn-session", "yarn-session", List.of("yarn")),
    /**
     * The original FlinkX's {@code yarnPer}. Flink 2 has no per-job mode: the job runs in a YARN
     * application cluster of its own, which is what per-job gave.
     */
    YARN_PER_JOB("yarn-per-job", "yarn-application", List.of("yarnPer")),
    /** A YARN application cluster started for this job; the launcher runs inside it. */
    YARN_APPLICATION("yarn-application", "yarn-application", List.of()),
    /** A running native Kubernetes session ({@code kubernetes.cluster-id}). */
    KUBERNETES_SESSION("kubernetes-session", "kubernetes-session", List.of()),
    /** A native Kubernetes application cluster started for this job. */
    KUBERNETES_APPLICATION("kubernetes-application", "kubernetes-application", List.of());

    private final String cliName;
    private final String target;
    private final List<String> aliases;

    Mode(String cliName, String target, List<String> aliases) {
        this.cliName = cliName;
        this.target = target;
        this.aliases = aliases;
    }

    /** The mode's name on the command line. */
    String cliName() {
        return cliName;
    }

    /** Flink's {@code execution.target}; empty for {@link #LOCAL}. */
    Optional<String> target() {
        return Optional.ofNullable(target);
    }

    /** Whether the launcher deploys an application cluster that runs the statements itself. */
    boolean isApplication() {
        return target != null && target.endsWith("-application");
    }

    static Mode of(String value) throws LauncherOptions.UsageException {
        for (Mode mode : values()) {
            if (mode.cliName.equalsIgnoreCase(value)
                    || mode.aliases.stream().anyMatch(alias -> alias.equalsIgnoreCase(value))) {
                return mode;
            }
        }
        throw new LauncherOptions.UsageException(
                "-mode '" + value + "' is not one of " + allowed());
    }

    static String allowed() {
        return Arrays.stream(values()).map(Mode::cliName).collect(Collectors.joining(", "));
    }
}
