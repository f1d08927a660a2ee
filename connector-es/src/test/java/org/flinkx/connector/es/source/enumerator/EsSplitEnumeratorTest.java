package org.flinkx.connector.es.source.enumerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.metrics.groups.SplitEnumeratorMetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.table.api.DataTypes;
import org.flinkx.connector.common.error.UnrecoverableException;
import org.flinkx.connector.es.client.ServerInfo;
import org.flinkx.connector.es.config.ScanMode;
import org.flinkx.connector.es.source.EsSource;
import org.flinkx.connector.es.source.EsSourceConfig;
import org.flinkx.connector.es.source.split.EsSplit;
import org.junit.jupiter.api.Test;

/** The mode decision and the assignment of splits (a restored enumerator, no cluster needed). */
class EsSplitEnumeratorTest {

    private static final ServerInfo ES_7_10_OSS = new ServerInfo(false, 7, 10, "7.10.2", "unknown");
    private static final ServerInfo ES_8 = new ServerInfo(false, 8, 15, "8.15.0", "default");
    private static final ServerInfo OPENSEARCH_2 = new ServerInfo(true, 2, 19, "2.19.1", "default");

    @Test
    void autoReadsInAPointInTimeWhereTheServerHasOne() {
        assertThat(EsSplitEnumerator.resolveMode(ScanMode.AUTO, ES_7_10_OSS))
                .isEqualTo(ScanMode.SCROLL);
        assertThat(EsSplitEnumerator.resolveMode(ScanMode.AUTO, ES_8)).isEqualTo(ScanMode.PIT);
        assertThat(EsSplitEnumerator.resolveMode(ScanMode.AUTO, OPENSEARCH_2))
                .isEqualTo(ScanMode.PIT);
        assertThat(EsSplitEnumerator.resolveMode(ScanMode.SCROLL, OPENSEARCH_2))
                .isEqualTo(ScanMode.SCROLL);
        assertThat(EsSplitEnumerator.resolveMode(ScanMode.PIT, OPENSEARCH_2))
                .isEqualTo(ScanMode.PIT);
    }

    @Test
    void aPointInTimeOnAServerWithoutOneFailsWithoutRestarts() {
        assertThatThrownBy(() -> EsSplitEnumerator.resolveMode(ScanMode.PIT, ES_7_10_OSS))
                .isInstanceOf(UnrecoverableException.class)
                .hasMessageContaining("'scan.mode' = 'pit'")
                .hasMessageContaining("Elasticsearch 7.10.2")
                .hasMessageContaining("no point-in-time API");
    }

    /**
     * A restored enumerator assigns its pending splits one a request, puts a failed reader's splits
     * back in front, and signals the end once nothing is pending.
     */
    @Test
    void assignsOnRequestAndTakesSplitsBack() {
        EsSplit a = EsSplit.of("logs", 0, 3, "pit");
        EsSplit b = EsSplit.of("logs", 1, 3, "pit");
        EsSplit c = EsSplit.of("logs", 2, 3, "pit").withPosition(List.of("logs", "x"), 5, "pit");
        Context context = new Context();
        EsSplitEnumerator enumerator =
                new EsSplitEnumerator(
                        context, config(), new EsEnumState(List.of(a, b), true, "pit"));
        enumerator.start();
        assertThat(context.async).as("a restored enumerator does not plan again").isEmpty();
        context.readers.put(0, new ReaderInfo(0, "localhost"));
        context.readers.put(1, new ReaderInfo(1, "localhost"));
        enumerator.addReader(0);
        enumerator.addReader(1);

        enumerator.handleSplitRequest(0, "localhost");
        assertThat(context.assigned.get(0)).containsExactly(a);
        enumerator.addSplitsBack(List.of(c), 0);
        assertThat(enumerator.snapshotState(1).pendingSplits()).containsExactly(c, b);

        enumerator.handleSplitRequest(1, "localhost");
        enumerator.handleSplitRequest(0, "localhost");
        assertThat(context.assigned.get(1)).containsExactly(c);
        assertThat(context.assigned.get(0)).containsExactly(a, b);
        enumerator.handleSplitRequest(1, "localhost");
        assertThat(context.noMoreSplits).containsExactly(1);
        EsEnumState state = enumerator.snapshotState(2);
        assertThat(state.pendingSplits()).isEmpty();
        assertThat(state.planned()).isTrue();
        assertThat(state.pitId()).isEqualTo("pit");
    }

    /** A fresh enumerator plans off the coordinator thread; readers wait for the plan. */
    @Test
    void plansAsynchronously() {
        Context context = new Context();
        EsSplitEnumerator enumerator =
                new EsSplitEnumerator(context, config(), EsEnumState.initial());
        enumerator.start();
        assertThat(context.async).hasSize(1);
        context.readers.put(0, new ReaderInfo(0, "localhost"));
        enumerator.handleSplitRequest(0, "localhost");
        assertThat(context.assigned).isEmpty();
        assertThat(context.noMoreSplits).isEmpty();
    }

    private static EsSourceConfig config() {
        return EsSource.builder()
                .hosts("http://127.0.0.1:9")
                .index("logs")
                .fields(DataTypes.ROW(DataTypes.FIELD("a", DataTypes.STRING())))
                .keepAlive(Duration.ofMinutes(1))
                .buildConfig();
    }

    /** Records what the enumerator does; runs nothing by itself. */
    private static final class Context implements SplitEnumeratorContext<EsSplit> {
        final Map<Integer, ReaderInfo> readers = new HashMap<>();
        final Map<Integer, List<EsSplit>> assigned = new HashMap<>();
        final Set<Integer> noMoreSplits = new HashSet<>();
        final List<Callable<?>> async = new ArrayList<>();

        @Override
        public SplitEnumeratorMetricGroup metricGroup() {
            return UnregisteredMetricsGroup.createSplitEnumeratorMetricGroup();
        }

        @Override
        public void sendEventToSourceReader(int subtaskId, SourceEvent event) {}

        @Override
        public int currentParallelism() {
            return 2;
        }

        @Override
        public Map<Integer, ReaderInfo> registeredReaders() {
            return readers;
        }

        @Override
        public void assignSplits(SplitsAssignment<EsSplit> assignment) {
            assignment
                    .assignment()
                    .forEach(
                            (reader, splits) ->
                                    assigned.computeIfAbsent(reader, k -> new ArrayList<>())
                                            .addAll(splits));
        }

        @Override
        public void signalNoMoreSplits(int subtask) {
            noMoreSplits.add(subtask);
        }

        @Override
        public <T> void callAsync(Callable<T> callable, BiConsumer<T, Throwable> handler) {
            async.add(callable);
        }

        @Override
        public <T> void callAsync(
                Callable<T> callable,
                BiConsumer<T, Throwable> handler,
                long initialDelay,
                long period) {
            async.add(callable);
        }

        @Override
        public void runInCoordinatorThread(Runnable runnable) {
            runnable.run();
        }
    }
}
