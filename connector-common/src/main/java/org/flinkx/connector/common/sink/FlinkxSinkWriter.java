package org.flinkx.connector.common.sink;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.concurrent.ExecutorThreadFactory;
import org.flinkx.connector.common.error.DirtyDataHandler;
import org.flinkx.connector.common.error.UnrecoverableException;
import org.flinkx.connector.common.metrics.FlinkxMetrics;
import org.flinkx.connector.common.ratelimit.Throttle;
import org.flinkx.connector.common.retry.RetryPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FlinkX's sink writer, under every sink: a connector supplies a {@link TargetWriter}, this class
 * does the rest once.
 *
 * <ul>
 *   <li><b>Buffering</b> by rows ({@code maxRows}), bytes ({@code maxBytes}) and time (a timer in
 *       the task's mailbox); with a key ({@link TargetWriter#keyOf}) changes to one key reduce to
 *       the last, kept in the order of that last change.
 *   <li><b>Pipelined flushes</b>: a full buffer is written by a flush thread while the next one
 *       fills; at most one batch is in flight, so batches reach the target in order and a slow
 *       target holds the task back (backpressure) instead of filling memory.
 *   <li><b>Retries</b> of a failed batch with the {@link RetryPolicy}: wait, {@link
 *       TargetWriter#recover()}, write again.
 *   <li><b>Bad rows</b> the target refused go to dirty storage after their batch succeeded, counted
 *       against the error limit: the subtask's own bad rows at once, those of all subtasks through
 *       the {@link ErrorCountOperator} chained in front (when the settings carry its link); rows,
 *       bytes and bad rows in Flink's and FlinkX's metrics.
 *   <li><b>Checkpoints</b>: every checkpoint (unless the guarantee is {@code none}) writes the
 *       buffer and prepares the transaction; transactions are numbered by the checkpoint they end
 *       in.
 * </ul>
 *
 * <p>Failures of the flush thread surface on the task thread at the next row, timer or checkpoint.
 */
@PublicEvolving
public final class FlinkxSinkWriter<IN, CommT, StateT>
        implements CommittingSinkWriter<IN, CommT>, StatefulSinkWriter<IN, StateT> {

    /**
     * Whether batches are written on the flush thread (the default) or on the task thread, as
     * before the core: {@code -Dflinkx.sink.pipelined=false}, for the benchmarks' before/after
     * comparison.
     */
    private static final Logger LOG = LoggerFactory.getLogger(FlinkxSinkWriter.class);

    /** How long closing waits for a batch in flight to stop after it was interrupted. */
    private static final Duration FLUSH_THREAD_STOP = Duration.ofSeconds(30);

    private static final boolean PIPELINED =
            Boolean.parseBoolean(System.getProperty("flinkx.sink.pipelined", "true"));

    private final TargetWriter<IN, CommT, StateT> target;
    private final SinkSettings settings;
    private final RetryPolicy retries;
    private final Throttle throttle;
    private final ProcessingTimeService timeService;
    private final TypeSerializer<IN> copier;
    private final Counter recordsSend;
    private final Counter bytesSend;
    private final FlinkxMetrics metrics;
    private final DirtyDataHandler dirty;

    /** Reports the counts for the job-wide error limit; null when the subtask counts alone. */
    private final ErrorCountOperator<?> jobCounts;

    private final ExecutorService flusher;

    private Buffer<IN> filling = new Buffer<>();
    private Future<Outcome> inFlight;
    private boolean timerScheduled;

    /**
     * Touched by the flush thread only while the task thread waits for it, or before the first
     * batch.
     */
    private boolean transactionOpen;

    private long nextCheckpointId;

    /**
     * Creates the writer and lets the target abort the leftovers of earlier attempts.
     *
     * @param restored the states this subtask restores (empty on a fresh start)
     */
    public FlinkxSinkWriter(
            WriterInitContext context,
            SinkSettings settings,
            TargetWriter<IN, CommT, StateT> target,
            Collection<StateT> restored)
            throws IOException {
        this.target = target;
        this.settings = settings;
        this.retries =
                target.retriesWrites()
                        ? new RetryPolicy(
                                settings.buffer().maxRetries(), settings.buffer().retryBackoff())
                        : RetryPolicy.none();
        this.throttle = Throttle.of(settings.rateLimit());
        this.timeService = context.getProcessingTimeService();
        this.copier = context.isObjectReuseEnabled() ? context.createInputSerializer() : null;
        this.recordsSend = context.metricGroup().getNumRecordsSendCounter();
        this.bytesSend = context.metricGroup().getNumBytesSendCounter();
        this.metrics = FlinkxMetrics.forSink(context.metricGroup());
        int subtask = context.getTaskInfo().getIndexOfThisSubtask();
        String owner =
                DirtyDataHandler.owner(
                        "sink", settings.connector(), context.metricGroup(), subtask);
        this.nextCheckpointId = context.getRestoredCheckpointId().orElse(0L) + 1;
        this.flusher =
                Executors.newSingleThreadExecutor(
                        new ExecutorThreadFactory(
                                "flinkx-flush-" + settings.connector() + "-" + subtask));
        DirtyDataHandler handler = null;
        try {
            handler =
                    new DirtyDataHandler(
                            settings.connector(),
                            settings.errorLimit(),
                            settings.dirtyData(),
                            owner,
                            metrics);
            target.abortLeftovers(
                    new TargetWriter.Restore<>(
                            context.getRestoredCheckpointId(), subtask,
                            context.getTaskInfo().getNumberOfParallelSubtasks(), restored));
        } catch (Exception e) {
            closeQuietly(handler, e);
            closeQuietly(target, e);
            flusher.shutdownNow();
            String message = "Cannot start writing to " + target.describe();
            UnrecoverableException missingClass = UnrecoverableException.ifClassMissing(message, e);
            if (missingClass != null) {
                throw missingClass;
            }
            if (target.errors().isUnrecoverable(e)) {
                throw new UnrecoverableException(message + ": " + target.errors().describe(e), e);
            }
            throw asIOException(message, e);
        }
        this.dirty = handler;
        this.jobCounts = ErrorCountOperator.takeFor(context, settings);
    }

    // ------------------------------------------------------------------ task thread

    @Override
    public void write(IN element, Context context) throws IOException, InterruptedException {
        IN row = copier == null ? element : copier.copy(element);
        long size = target.sizeOf(row);
        if (throttle != null) {
            throttle.acquire(1, size);
        }
        filling.add(target.keyOf(row), row, size);
        int maxRows = settings.buffer().maxRows();
        long maxBytes = settings.buffer().maxBytes();
        if ((maxRows > 0 && filling.added >= maxRows)
                || (maxBytes > 0 && filling.bytes >= maxBytes)) {
            submit();
        } else {
            scheduleTimer();
        }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        if (endOfInput || settings.guarantee() != DeliveryGuarantee.NONE) {
            submit();
            awaitInFlight();
        }
        if (endOfInput) {
            try {
                target.endOfInput();
            } catch (Exception e) {
                throw failure("Ending the input of " + target.describe() + " failed", e);
            }
        }
        if (endOfInput && jobCounts != null) {
            jobCounts.last(dirty.errors(), dirty.records());
        }
    }

    @Override
    public Collection<CommT> prepareCommit() throws IOException, InterruptedException {
        awaitInFlight();
        if (jobCounts != null) {
            jobCounts.beforeCheckpoint(dirty.errors(), dirty.records());
        }
        try {
            Collection<CommT> committables = transactionOpen ? target.prepareCommit() : List.of();
            transactionOpen = false;
            countTargetBytes();
            return committables;
        } catch (Exception e) {
            throw failure("Preparing the commit of " + target.describe() + " failed", e);
        }
    }

    @Override
    public List<StateT> snapshotState(long checkpointId) throws IOException {
        nextCheckpointId = checkpointId + 1;
        try {
            return target.snapshotState(checkpointId);
        } catch (Exception e) {
            throw asIOException("Cannot snapshot the writer of " + target.describe(), e);
        }
    }

    /** Hands the filling buffer to the flush thread, after the batch before it is done. */
    private void submit() throws IOException, InterruptedException {
        if (filling.isEmpty()) {
            return;
        }
        awaitInFlight();
        Buffer<IN> batch = filling;
        filling = new Buffer<>();
        long now = timeService.getCurrentProcessingTime();
        if (PIPELINED) {
            inFlight =
                    flusher.submit(() -> writeBatch(new Batch<>(batch.rows(), now), batch.bytes));
        } else {
            try {
                inFlight =
                        CompletableFuture.completedFuture(
                                writeBatch(new Batch<>(batch.rows(), now), batch.bytes));
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw failure("Writing to " + target.describe() + " failed", e);
            }
        }
    }

    /** Waits for the batch in flight and accounts for it; rethrows its failure. */
    private void awaitInFlight() throws IOException, InterruptedException {
        if (inFlight == null) {
            return;
        }
        Future<Outcome> batch = inFlight;
        inFlight = null;
        Outcome outcome;
        try {
            outcome = batch.get();
        } catch (ExecutionException e) {
            throw failure(e.getCause().getMessage(), e.getCause());
        }
        for (Rejected rejected : outcome.rejected()) {
            dirty.handle(rejected.location(), rejected.record(), rejected.kind(), rejected.error());
        }
        long written = outcome.rows() - outcome.rejected().size();
        dirty.recordsProcessed(written);
        if (jobCounts != null) {
            jobCounts.counted(dirty.errors(), dirty.records());
        }
        long bytes = target.countsBytes() ? target.takeBytesWritten() : outcome.bytes();
        recordsSend.inc(written);
        bytesSend.inc(bytes);
        metrics.records(written, bytes);
    }

    private void countTargetBytes() {
        if (target.countsBytes()) {
            long bytes = target.takeBytesWritten();
            bytesSend.inc(bytes);
            metrics.records(0, bytes);
        }
    }

    private void scheduleTimer() {
        if (timerScheduled || settings.buffer().interval().isZero()) {
            return;
        }
        timerScheduled = true;
        long at = timeService.getCurrentProcessingTime() + settings.buffer().interval().toMillis();
        timeService.registerTimer(
                at,
                time -> {
                    timerScheduled = false;
                    submit();
                });
    }

    // ------------------------------------------------------------------ flush thread

    private Outcome writeBatch(Batch<IN> batch, long bytes) throws Exception {
        List<IN> rows = batch.rows();
        String what = "Writing " + rows.size() + " buffered rows to " + target.describe();
        List<Rejected> rejected =
                retries.run(
                        what,
                        target.errors(),
                        target::recover,
                        () -> {
                            if (!transactionOpen) {
                                target.begin(nextCheckpointId);
                                transactionOpen = true;
                            }
                            return target.write(batch);
                        });
        return new Outcome(rows.size(), bytes, rejected);
    }

    private record Outcome(long rows, long bytes, List<Rejected> rejected) {}

    // ------------------------------------------------------------------ closing

    /**
     * Stops the flush thread and waits for it before closing the target: the target is touched by
     * one thread at a time, also when the task is cancelled or fails while a batch is in flight.
     */
    @Override
    public void close() throws Exception {
        flusher.shutdownNow(); // interrupts a batch in flight
        if (!flusher.awaitTermination(FLUSH_THREAD_STOP.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warn(
                    "The flush thread of {} did not stop within {} s; closing it anyway",
                    target.describe(),
                    FLUSH_THREAD_STOP.toSeconds());
        }
        Exception failure = null;
        try {
            target.close();
        } catch (Exception e) {
            failure = e;
        }
        closeQuietly(dirty, failure);
        if (failure != null) {
            throw failure;
        }
    }

    private static void closeQuietly(AutoCloseable closeable, Exception failure) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            if (failure != null) {
                failure.addSuppressed(e);
            }
        }
    }

    /**
     * A failure of the target: one its classifier calls unrecoverable (wrong credentials, say) as
     * an {@link UnrecoverableException}, which fails the job without restarts; others as they are.
     */
    private IOException failure(String message, Throwable e) {
        if (!(e instanceof UnrecoverableException) && target.errors().isUnrecoverable(e)) {
            throw new UnrecoverableException(message, e);
        }
        return asIOException(message, e);
    }

    private static IOException asIOException(String message, Throwable e) {
        if (e instanceof IOException io) {
            return io;
        }
        if (e instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (e instanceof Error error) {
            throw error;
        }
        return new IOException(message + ": " + e.getMessage(), e);
    }

    // ------------------------------------------------------------------ the buffer

    /** Rows in arrival order, or reduced to the last change per key. */
    static final class Buffer<IN> {
        private final List<IN> appended = new ArrayList<>();
        private final Map<Object, IN> keyed = new LinkedHashMap<>();
        long bytes;
        int added;

        void add(Object key, IN row, long size) {
            if (key == null) {
                appended.add(row);
            } else {
                keyed.remove(key); // keeps the map in the order of each key's last change
                keyed.put(key, row);
            }
            bytes += size;
            added++;
        }

        boolean isEmpty() {
            return added == 0;
        }

        List<IN> rows() {
            if (keyed.isEmpty()) {
                return appended;
            }
            List<IN> rows = new ArrayList<>(appended.size() + keyed.size());
            rows.addAll(appended);
            rows.addAll(keyed.values());
            return rows;
        }
    }
}
