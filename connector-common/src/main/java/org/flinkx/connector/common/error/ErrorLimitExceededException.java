package org.flinkx.connector.common.error;

import org.apache.flink.util.FlinkRuntimeException;

/** Thrown when bad records pass the configured error limit; fails the job. */
public class ErrorLimitExceededException extends FlinkRuntimeException {

    public ErrorLimitExceededException(String message, Throwable lastError) {
        super(message, lastError);
    }
}
