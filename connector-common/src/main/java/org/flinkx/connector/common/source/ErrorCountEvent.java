package org.flinkx.connector.common.source;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceEvent;

/**
 * A reader's bad and processed records since it started, for the enumerator's job-wide error limit
 * ({@link JobErrorLimit}); {@code last} when the reader has read everything and waits for {@link
 * Ack} before it ends.
 */
@Internal
public record ErrorCountEvent(long bad, long processed, boolean last) implements SourceEvent {

    /** The enumerator's answer to a {@code last} report: the job-wide check has seen it. */
    public record Ack() implements SourceEvent {}
}
