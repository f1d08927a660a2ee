package org.flinkx.connector.common.testutils;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.apache.flink.util.ExceptionUtils;

/** What a failed job's exception shows a user. */
public final class Failures {

    /**
     * The last exception of the cause chain: what Flink's SQL client prints as the reason of a
     * failed statement, so it must say what went wrong and where.
     */
    public static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    /**
     * Flink failed the job without restarts: a {@link SuppressRestartsException} is among its
     * causes.
     */
    public static void assertNotRestarted(Throwable t) {
        assertThat(ExceptionUtils.findThrowable(t, SuppressRestartsException.class))
                .as(
                        "a failure that suppresses restarts in %s",
                        ExceptionUtils.stringifyException(t))
                .isPresent();
    }

    private Failures() {}
}
