package org.flinkx.connector.hdfs.table;

import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.format.EncodingFormat;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.sink.SinkV2Provider;
import org.apache.flink.table.connector.sink.abilities.SupportsOverwrite;
import org.apache.flink.table.connector.sink.abilities.SupportsPartitioning;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.utils.TypeConversions;
import org.flinkx.connector.hdfs.config.WriteMode;
import org.flinkx.connector.hdfs.format.HdfsFormats;
import org.flinkx.connector.hdfs.sink.HdfsSinkBuilder;

/**
 * The table sink of {@code flinkx-hdfs}: insert-only, Hive-style partition directories from the
 * table's {@code PARTITIONED BY} columns, {@code INSERT OVERWRITE} as {@code sink.write-mode} =
 * {@code overwrite}.
 */
final class HdfsDynamicTableSink
        implements DynamicTableSink, SupportsPartitioning, SupportsOverwrite {

    private final HdfsSinkBuilder builder;
    private final RowType tableType;
    private final List<String> partitionKeys;
    @Nullable private final EncodingFormat<SerializationSchema<RowData>> lineFormat;
    @Nullable private final Integer parallelism;
    private boolean overwrite;

    HdfsDynamicTableSink(
            HdfsSinkBuilder builder,
            RowType tableType,
            List<String> partitionKeys,
            @Nullable EncodingFormat<SerializationSchema<RowData>> lineFormat,
            @Nullable Integer parallelism) {
        this.builder = builder;
        this.tableType = tableType;
        this.partitionKeys = partitionKeys;
        this.lineFormat = lineFormat;
        this.parallelism = parallelism;
    }

    @Override
    public ChangelogMode getChangelogMode(ChangelogMode requestedMode) {
        return ChangelogMode.insertOnly();
    }

    @Override
    public SinkRuntimeProvider getSinkRuntimeProvider(Context context) {
        if (lineFormat != null) {
            DataType dataType =
                    TypeConversions.fromLogicalToDataType(
                            HdfsFormats.dataType(tableType, partitionKeys));
            builder.lineSchema(lineFormat.createRuntimeEncoder(context, dataType));
        }
        if (overwrite) {
            builder.writeMode(WriteMode.OVERWRITE);
        }
        return SinkV2Provider.of(builder.build(), parallelism);
    }

    @Override
    public void applyStaticPartition(Map<String, String> partition) {
        // The planner puts static partition values into the rows; directories come from the rows.
    }

    @Override
    public void applyOverwrite(boolean overwrite) {
        this.overwrite = overwrite;
    }

    @Override
    public DynamicTableSink copy() {
        HdfsDynamicTableSink copy =
                new HdfsDynamicTableSink(
                        builder, tableType, partitionKeys, lineFormat, parallelism);
        copy.overwrite = overwrite;
        return copy;
    }

    @Override
    public String asSummaryString() {
        return HdfsDynamicTableFactory.IDENTIFIER;
    }
}
