package org.flinkx.connector.starrocks.table;

import javax.annotation.Nullable;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.sink.SinkV2Provider;
import org.flinkx.connector.starrocks.sink.StarRocksSink;

/**
 * The table sink of {@code flinkx-starrocks}: upserts and deletes with a primary key, inserts
 * without one.
 */
final class StarRocksDynamicTableSink implements DynamicTableSink {

    private final StarRocksSink sink;
    private final boolean upsert;
    @Nullable private final Integer parallelism;

    StarRocksDynamicTableSink(StarRocksSink sink, boolean upsert, @Nullable Integer parallelism) {
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
        return new StarRocksDynamicTableSink(sink, upsert, parallelism);
    }

    @Override
    public String asSummaryString() {
        return StarRocksDynamicTableFactory.IDENTIFIER;
    }
}
