package org.flinkx.connector.common.source;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.connector.base.source.reader.RecordEmitter;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.core.io.InputStatus;
import org.flinkx.connector.common.error.DirtyDataHandler;
import org.flinkx.connector.common.error.UnrecoverableException;
import org.flinkx.connector.common.metrics.FlinkxMetrics;
import org.flinkx.connector.common.options.DirtyDataConfig;
import org.flinkx.connector.common.options.ErrorLimit;

/**
 * The reader of FlinkX's pull-based sources: one fetcher thread reads the assigned splits one after
 * another; the reader asks the enumerator for a split when it starts without one and whenever a
 * split is finished; the subtask's dirty-data handler (shared by fetcher and task thread) is closed
 * with the reader. The reader reports its bad and processed records to the enumerator ({@link
 * ErrorCountEvent}, for the job-wide {@link JobErrorLimit}): when bad records came, at most every
 * second otherwise, and once more at the end of its input, which it reaches only after the
 * enumerator acknowledged that last report.
 */
@PublicEvolving
public abstract class FlinkxSourceReaderBase<E, T, SplitT extends SourceSplit, StateT>
        extends SingleThreadMultiplexSourceReaderBase<E, T, SplitT, StateT> {

    protected final DirtyDataHandler dirty;
    private final ErrorCountReporter counts;

    protected FlinkxSourceReaderBase(
            Supplier<SplitReader<E, SplitT>> splitReader,
            RecordEmitter<E, T, StateT> emitter,
            SourceReaderContext context,
            DirtyDataHandler dirty) {
        super(splitReader, emitter, context.getConfiguration(), context);
        this.dirty = dirty;
        this.counts = new ErrorCountReporter(context, dirty);
    }

    /** The dirty-data handler of one source subtask. */
    public static DirtyDataHandler dirtyDataHandler(
            SourceReaderContext context,
            String connector,
            ErrorLimit errorLimit,
            DirtyDataConfig dirtyData,
            FlinkxMetrics metrics)
            throws IOException {
        String owner =
                DirtyDataHandler.owner(
                        "source", connector, context.metricGroup(), context.getIndexOfSubtask());
        return new DirtyDataHandler(connector, errorLimit, dirtyData, owner, metrics);
    }

    /**
     * Fails without restarts when a fetcher failed for want of a class (the class path is the same
     * after a restart); every other failure is Flink's to retry.
     */
    @Override
    public InputStatus pollNext(ReaderOutput<T> output) throws Exception {
        InputStatus ended = counts.beforePoll();
        if (ended != null) {
            return ended;
        }
        InputStatus status;
        try {
            status = super.pollNext(output);
        } catch (Exception e) {
            UnrecoverableException unrecoverable =
                    UnrecoverableException.ifClassMissing("Reading failed", e);
            throw unrecoverable != null ? unrecoverable : e;
        }
        // The job-wide error limit sees this reader's last counts before the reader ends.
        return counts.afterPoll(status);
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        CompletableFuture<Void> acknowledged = counts.lastReportAcknowledged();
        return acknowledged != null ? acknowledged : super.isAvailable();
    }

    @Override
    public void handleSourceEvents(SourceEvent event) {
        if (!counts.handle(event)) {
            super.handleSourceEvents(event);
        }
    }

    @Override
    public void start() {
        if (getNumberOfCurrentlyAssignedSplits() == 0) {
            context.sendSplitRequest();
        }
    }

    @Override
    protected void onSplitFinished(Map<String, StateT> finishedSplitIds) {
        context.sendSplitRequest();
    }

    @Override
    public void close() throws Exception {
        try {
            super.close();
        } finally {
            dirty.close();
        }
    }
}
