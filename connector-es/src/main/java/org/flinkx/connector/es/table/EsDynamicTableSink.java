package org.flinkx.connector.es.table;

import javax.annotation.Nullable;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.sink.SinkV2Provider;
import org.flinkx.connector.es.sink.EsSink;

/**
 * The table sink of {@code flinkx-es}: with a PRIMARY KEY upserts and deletes (the key is the
 * document id), without one inserts with generated ids.
 */
final class EsDynamicTableSink implements DynamicTableSink {

    private final EsSink sink;
    private final boolean upsert;
    @Nullable private final Integer parallelism;

    EsDynamicTableSink(EsSink sink, boolean upsert, @Nullable Integer parallelism) {
        this.sink = sink;
        this.upsert = upsert;
        this.parallelism = parallelism;
    }

    @Override
    public ChangelogMode getChangelogMode(ChangelogMode requestedMode) {
        return upsert ? ChangelogMode.upsert() : ChangelogMode.insertOnly();
    }

    @Override
    public SinkRuntimeProvider getSinkRuntimeProvider(Context context) {
        return SinkV2Provider.of(sink, parallelism);
    }

    @Override
    public DynamicTableSink copy() {
        return new EsDynamicTableSink(sink, upsert, parallelism);
    }

    @Override
    public String asSummaryString() {
        return EsDynamicTableFactory.IDENTIFIER;
    }
}
