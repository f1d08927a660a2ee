package org.flinkx.connector.common.sink;

import org.apache.flink.annotation.Internal;
import org.apache.flink.runtime.operators.coordination.OperatorEvent;

/**
 * A sink subtask's bad and processed records since it started, from its {@link ErrorCountOperator}
 * to the {@link ErrorCountCoordinator}; {@code last} when the writer wrote everything and waits for
 * {@link Ack} before it ends.
 */
@Internal
public record ErrorCountReport(long bad, long processed, boolean last) implements OperatorEvent {

    /** The coordinator's answer to a {@code last} report: the job-wide check has seen it. */
    public record Ack() implements OperatorEvent {}
}
