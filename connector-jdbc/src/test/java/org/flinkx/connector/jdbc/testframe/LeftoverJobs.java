package org.flinkx.connector.jdbc.testframe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.client.deployment.StandaloneClusterId;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.connector.testframe.environment.TestEnvironment;
import org.apache.flink.runtime.client.JobStatusMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cancels the jobs a test left running on the shared MiniCluster. The framework cancels its jobs
 * itself when a test passes; a test that fails or times out leaves its job holding slots, and the
 * following tests would then wait for slots and fail too, hiding which test really failed.
 */
public final class LeftoverJobs {

    private static final Logger LOG = LoggerFactory.getLogger(LeftoverJobs.class);
    private static final Duration WAIT = Duration.ofSeconds(30);

    public static void cancel(TestEnvironment env) throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestOptions.ADDRESS, env.getRestEndpoint().getAddress());
        conf.set(RestOptions.PORT, env.getRestEndpoint().getPort());
        try (RestClusterClient<StandaloneClusterId> client =
                new RestClusterClient<>(conf, StandaloneClusterId.getInstance())) {
            List<JobID> cancelled = new ArrayList<>();
            for (JobStatusMessage job : client.listJobs().get(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                if (!job.getJobState().isGloballyTerminalState()) {
                    LOG.info(
                            "Cancelling the leftover job {} ({})",
                            job.getJobName(),
                            job.getJobId());
                    try {
                        client.cancel(job.getJobId()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
                        cancelled.add(job.getJobId());
                    } catch (Exception e) {
                        LOG.info("Job {} ended meanwhile: {}", job.getJobId(), e.getMessage());
                    }
                }
            }
            long deadline = System.nanoTime() + WAIT.toNanos();
            for (JobID id : cancelled) {
                while (!client.getJobStatus(id)
                        .get(WAIT.toSeconds(), TimeUnit.SECONDS)
                        .isGloballyTerminalState()) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("The leftover job " + id + " did not end");
                    }
                    Thread.sleep(50);
                }
            }
        }
    }

    private LeftoverJobs() {}
}
