package org.flinkx.connector.es.source.enumerator;

import java.util.ArrayList;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.util.FlinkRuntimeException;
import org.flinkx.connector.common.error.UnrecoverableException;
import org.flinkx.connector.common.source.JobErrorLimit;
import org.flinkx.connector.common.source.PendingSplits;
import org.flinkx.connector.es.client.EsClient;
import org.flinkx.connector.es.client.EsErrors;
import org.flinkx.connector.es.client.ServerInfo;
import org.flinkx.connector.es.config.ScanMode;
import org.flinkx.connector.es.source.EsSourceConfig;
import org.flinkx.connector.es.source.search.PointInTimeApi;
import org.flinkx.connector.es.source.search.SearchSort;
import org.flinkx.connector.es.source.split.EsSplit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans the slices once and assigns them on request. Planning runs off the coordinator thread: it
 * asks the cluster what it is ({@code GET /}), decides the mode ({@code auto}: a point in time
 * where the server has one, else scroll), opens one point in time over the index expression in
 * point-in-time mode, and cuts the search into {@code scan.slices} slices (default: the source's
 * parallelism), each a split. What is not assigned yet stays in the checkpointed state; splits of a
 * failed reader come back through {@link #addSplitsBack} with the positions of the last checkpoint.
 *
 * <p>The point in time is not closed when the enumerator closes: a job restored from a checkpoint
 * reads on in it. The cluster drops it {@code scan.keep-alive} after its last search (every search
 * renews it); a job that is down longer resumes in a new point in time (see the split reader).
 */
@Internal
public final class EsSplitEnumerator implements SplitEnumerator<EsSplit, EsEnumState> {

    private static final Logger LOG = LoggerFactory.getLogger(EsSplitEnumerator.class);

    private final SplitEnumeratorContext<EsSplit> context;
    private final EsSourceConfig config;
    private final JobErrorLimit errorLimit;
    private final PendingSplits<EsSplit> pending;
    private boolean planned;
    @Nullable private String pitId;

    public EsSplitEnumerator(
            SplitEnumeratorContext<EsSplit> context, EsSourceConfig config, EsEnumState state) {
        this.context = context;
        this.config = config;
        this.errorLimit = new JobErrorLimit(config.connector(), config.errorLimit());
        this.pending = new PendingSplits<>(state.pendingSplits());
        this.planned = state.planned();
        this.pitId = state.pitId();
    }

    @Override
    public void start() {
        if (!planned) {
            int slices = config.slices() != null ? config.slices() : context.currentParallelism();
            context.callAsync(() -> plan(slices), this::onPlanned);
        }
    }

    /** The slices and the point in time they are read in (null: by scroll). */
    private record Plan(List<EsSplit> splits, @Nullable String pitId) {}

    /** Runs in the enumerator's worker thread. */
    private Plan plan(int slices) throws Exception {
        try (EsClient client = new EsClient(config.connection())) {
            ServerInfo server = client.info();
            ScanMode mode = resolveMode(config.mode(), server);
            if (config.slices() == null && mode == ScanMode.PIT && !server.hasShardDocSort()) {
                // at least a slice per shard, so that slices sort on _doc (SearchSort)
                slices = Math.max(slices, SearchSort.shardsOfOneIndex(client, config.index()));
            }
            String pit =
                    mode == ScanMode.PIT
                            ? PointInTimeApi.of(server)
                                    .open(client, config.index(), config.keepAlive())
                            : null;
            LOG.info(
                    "Reading '{}' of {} ({}) in {} slices {}",
                    config.index(),
                    server.describe(),
                    config.connection().describe(),
                    slices,
                    pit == null ? "by scroll" : "in one point in time");
            List<EsSplit> splits = new ArrayList<>(slices);
            for (int i = 0; i < slices; i++) {
                splits.add(EsSplit.of(config.index(), i, slices, pit));
            }
            return new Plan(splits, pit);
        }
    }

    /**
     * The mode to read in: {@code auto} is a point in time where the server has one, else scroll; a
     * point in time asked for on a server without one fails the job (no restart cures it).
     */
    static ScanMode resolveMode(ScanMode requested, ServerInfo server) {
        boolean hasPit = server.hasPointInTime();
        if (requested == ScanMode.PIT && !hasPit) {
            throw new UnrecoverableException(
                    "'scan.mode' = 'pit', but "
                            + server.describe()
                            + (server.openSearch() ? "" : " (build flavor " + server.flavor() + ")")
                            + " has no point-in-time API (Elasticsearch 7.10+ with X-Pack and "
                            + "OpenSearch 2.4+ have one); use 'scroll' or 'auto'.",
                    null);
        }
        if (requested == ScanMode.SCROLL) {
            return ScanMode.SCROLL;
        }
        return hasPit ? ScanMode.PIT : ScanMode.SCROLL;
    }

    /** Runs in the coordinator thread. */
    private void onPlanned(Plan plan, Throwable error) {
        if (error != null) {
            if (error instanceof UnrecoverableException unrecoverable) {
                throw unrecoverable;
            }
            String message =
                    config.connector()
                            + " cannot plan the read of '"
                            + config.index()
                            + "' at "
                            + config.connection().describe()
                            + ": "
                            + error.getMessage();
            if (EsErrors.INSTANCE.isUnrecoverable(error)) {
                throw new UnrecoverableException(message, error);
            }
            throw new FlinkRuntimeException(message, error);
        }
        planned = true;
        pitId = plan.pitId();
        pending.addAll(plan.splits());
        assignPending();
    }

    @Override
    public void handleSplitRequest(int subtaskId, @Nullable String requesterHostname) {
        pending.request(subtaskId);
        assignPending();
    }

    @Override
    public void addSplitsBack(List<EsSplit> splits, int subtaskId) {
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
        pending.assign(context, planned);
    }

    @Override
    public EsEnumState snapshotState(long checkpointId) {
        return new EsEnumState(pending.snapshot(), planned, pitId);
    }

    @Override
    public void close() {
        // The point in time stays open for a restored job; it expires after scan.keep-alive.
    }
}
