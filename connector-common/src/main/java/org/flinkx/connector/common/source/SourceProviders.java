package org.flinkx.connector.common.source;

import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.connector.ProviderContext;
import org.apache.flink.table.connector.source.DataStreamScanProvider;
import org.apache.flink.table.connector.source.ScanTableSource.ScanRuntimeProvider;
import org.apache.flink.table.connector.source.SourceProvider;
import org.apache.flink.table.data.RowData;

/**
 * The scan runtime provider of a FLIP-27 source, with the operator uid of {@code
 * 'scan.operator-uid'} when the table sets one: the planner gives SQL operators ids derived from
 * the job's shape (or, for compiled plans, from the plan), so a source whose state must survive a
 * changed statement set needs one of its own.
 */
@Internal
public final class SourceProviders {

    private SourceProviders() {}

    public static ScanRuntimeProvider of(Source<RowData, ?, ?> source, @Nullable String uid) {
        if (uid == null) {
            return SourceProvider.of(source);
        }
        return new DataStreamScanProvider() {
            @Override
            public DataStream<RowData> produceDataStream(
                    ProviderContext context, StreamExecutionEnvironment env) {
                // the planner renames the operator after the table, as for SourceProvider
                return env.fromSource(source, WatermarkStrategy.noWatermarks(), uid).uid(uid);
            }

            @Override
            public boolean isBounded() {
                return source.getBoundedness() == Boundedness.BOUNDED;
            }
        };
    }
}
