package org.flinkx.connector.jdbc.table;

import javax.annotation.Nullable;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.sink.SinkV2Provider;
import org.apache.flink.types.RowKind;
import org.flinkx.connector.jdbc.sink.JdbcSink;

/** The sink side of the {@code flinkx-*} JDBC connectors. */
final class JdbcDynamicTableSink implements DynamicTableSink {

    private final String identifier;
    private final JdbcSink sink;
    private final boolean hasKey;
    private final @Nullable Integer parallelism;

    JdbcDynamicTableSink(
            String identifier, JdbcSink sink, boolean hasKey, @Nullable Integer parallelism) {
        this.identifier = identifier;
        this.sink = sink;
        this.hasKey = hasKey;
        this.parallelism = parallelism;
    }

    @Override
    public ChangelogMode getChangelogMode(ChangelogMode requestedMode) {
        if (!hasKey) {
            return ChangelogMode.insertOnly();
        }
        // Upsert: UPDATE_BEFORE carries nothing the UPDATE_AFTER with the same key does not.
        ChangelogMode.Builder builder = ChangelogMode.newBuilder();
        for (RowKind kind : requestedMode.getContainedKinds()) {
            if (kind != RowKind.UPDATE_BEFORE) {
                builder.addContainedKind(kind);
            }
        }
        return builder.build();
    }

    @Override
    public SinkRuntimeProvider getSinkRuntimeProvider(Context context) {
        return SinkV2Provider.of(sink, parallelism);
    }

    @Override
    public DynamicTableSink copy() {
        return new JdbcDynamicTableSink(identifier, sink, hasKey, parallelism);
    }

    @Override
    public String asSummaryString() {
        return identifier;
    }
}
