package org.flinkx.connector.jdbc.source.enumerator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.util.FlinkRuntimeException;
import org.flinkx.connector.common.error.SqlErrors;
import org.flinkx.connector.common.source.JobErrorLimit;
import org.flinkx.connector.common.source.PendingSplits;
import org.flinkx.connector.jdbc.config.JdbcReadConfig;
import org.flinkx.connector.jdbc.dialect.JdbcDialect;
import org.flinkx.connector.jdbc.source.split.JdbcSourceSplit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assigns splits on request. Plans the initial splits once (off the coordinator thread) and keeps
 * what is not yet assigned in its state; splits of a failed reader come back through {@link
 * #addSplitsBack} with the offsets of the last checkpoint. For a polling incremental sync it looks
 * for rows above the high-water marks at every interval and never signals the end.
 */
@Internal
public class JdbcSplitEnumerator implements SplitEnumerator<JdbcSourceSplit, JdbcEnumState> {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcSplitEnumerator.class);

    private final SplitEnumeratorContext<JdbcSourceSplit> context;
    private final JdbcReadConfig config;
    private final JobErrorLimit errorLimit;
    private final JdbcSplitPlanner planner;
    private final PendingSplits<JdbcSourceSplit> pending;
    private final Map<String, Object> highWaterMarks;
    private boolean initialized;
    private long pollRound;

    // Owned by the worker thread that plans and polls.
    private final Map<String, Object> workerMarks;
    private boolean workerInitialized;
    private long workerRound;

    public JdbcSplitEnumerator(
            SplitEnumeratorContext<JdbcSourceSplit> context,
            JdbcReadConfig config,
            JdbcDialect dialect,
            JdbcEnumState state,
            String connector) {
        this.context = context;
        this.config = config;
        this.errorLimit = new JobErrorLimit(connector, config.errorLimit());
        this.planner = new JdbcSplitPlanner(config, dialect);
        this.pending = new PendingSplits<>(state.pendingSplits());
        this.highWaterMarks = new LinkedHashMap<>(state.highWaterMarks());
        this.initialized = state.initialized();
        this.pollRound = state.pollRound();
        this.workerMarks = new LinkedHashMap<>(state.highWaterMarks());
        this.workerInitialized = state.initialized();
        this.workerRound = state.pollRound();
    }

    @Override
    public void start() {
        if (!initialized) {
            int parallelism = context.currentParallelism();
            context.callAsync(
                    () -> {
                        List<JdbcSourceSplit> splits =
                                planner.planInitial(parallelism, workerMarks);
                        workerInitialized = true;
                        return new Planned(splits, new LinkedHashMap<>(workerMarks), workerRound);
                    },
                    this::onSplits);
        }
        if (!config.isBounded()) {
            long interval = config.pollingInterval().toMillis();
            context.callAsync(this::pollOnce, this::onSplits, interval, interval);
        }
    }

    /** Splits found by the worker thread, with the high-water marks they were planned up to. */
    private record Planned(
            List<JdbcSourceSplit> splits, Map<String, Object> marks, long nextRound) {}

    /** Runs in the enumerator's single worker thread, which alone touches {@code workerMarks}. */
    private Planned pollOnce() throws Exception {
        if (!workerInitialized) {
            return new Planned(List.of(), Map.of(), workerRound);
        }
        List<JdbcSourceSplit> splits = planner.poll(workerRound++, workerMarks);
        return new Planned(splits, new LinkedHashMap<>(workerMarks), workerRound);
    }

    /** Runs in the coordinator thread: splits and marks change together, so state is consistent. */
    private void onSplits(Planned planned, Throwable error) {
        if (error != null) {
            String message = "The JDBC source cannot plan splits: " + error.getMessage();
            SqlErrors.throwIfUnrecoverable(message, error);
            throw new FlinkRuntimeException(message, error);
        }
        if (!initialized) {
            LOG.info("Planned {} initial splits", planned.splits().size());
            initialized = true;
        }
        pending.addAll(planned.splits());
        highWaterMarks.putAll(planned.marks());
        pollRound = Math.max(pollRound, planned.nextRound());
        assignPending();
    }

    @Override
    public void handleSplitRequest(int subtaskId, @Nullable String requesterHostname) {
        pending.request(subtaskId);
        assignPending();
    }

    @Override
    public void addSplitsBack(List<JdbcSourceSplit> splits, int subtaskId) {
        pending.addBack(splits);
        assignPending();
    }

    @Override
    public void addReader(int subtaskId) {
        // Readers ask for splits themselves.
        errorLimit.readerStarted(subtaskId);
    }

    @Override
    public void handleSourceEvent(int subtaskId, SourceEvent event) {
        errorLimit.handle(context, subtaskId, event);
    }

    private void assignPending() {
        pending.assign(context, initialized && config.isBounded());
    }

    @Override
    public JdbcEnumState snapshotState(long checkpointId) {
        return new JdbcEnumState(
                pending.snapshot(), initialized, new LinkedHashMap<>(highWaterMarks), pollRound);
    }

    @Override
    public void close() {}
}
