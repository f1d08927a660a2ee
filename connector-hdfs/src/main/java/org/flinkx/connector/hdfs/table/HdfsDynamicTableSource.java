package org.flinkx.connector.hdfs.table;

import java.util.List;
import javax.annotation.Nullable;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.format.DecodingFormat;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.ScanTableSource;
import org.apache.flink.table.connector.source.SourceProvider;
import org.apache.flink.table.connector.source.abilities.SupportsProjectionPushDown;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.utils.TypeConversions;
import org.flinkx.connector.hdfs.format.HdfsFormats;
import org.flinkx.connector.hdfs.source.HdfsSourceBuilder;

/** The table source of {@code flinkx-hdfs}; reads only the columns a query uses. */
final class HdfsDynamicTableSource implements ScanTableSource, SupportsProjectionPushDown {

    private final HdfsSourceBuilder builder;
    private final RowType tableType;
    private final List<String> partitionKeys;
    @Nullable private final DecodingFormat<DeserializationSchema<RowData>> lineFormat;
    @Nullable private final Integer parallelism;
    private int[] producedFields;

    HdfsDynamicTableSource(
            HdfsSourceBuilder builder,
            RowType tableType,
            List<String> partitionKeys,
            @Nullable DecodingFormat<DeserializationSchema<RowData>> lineFormat,
            @Nullable Integer parallelism) {
        this.builder = builder;
        this.tableType = tableType;
        this.partitionKeys = partitionKeys;
        this.lineFormat = lineFormat;
        this.parallelism = parallelism;
    }

    @Override
    public ChangelogMode getChangelogMode() {
        return ChangelogMode.insertOnly();
    }

    @Override
    public ScanRuntimeProvider getScanRuntimeProvider(ScanContext context) {
        if (lineFormat != null) {
            DataType dataType =
                    TypeConversions.fromLogicalToDataType(
                            HdfsFormats.dataType(tableType, partitionKeys));
            builder.lineSchema(lineFormat.createRuntimeDecoder(context, dataType));
        }
        int[] fields = producedFields;
        if (fields == null) {
            fields = java.util.stream.IntStream.range(0, tableType.getFieldCount()).toArray();
        }
        builder.producedFields(fields);
        return SourceProvider.of(builder.build(), parallelism);
    }

    @Override
    public boolean supportsNestedProjection() {
        return false;
    }

    @Override
    public void applyProjection(int[][] projectedFields, DataType producedDataType) {
        int[] fields = new int[projectedFields.length];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = projectedFields[i][0];
        }
        this.producedFields = fields;
    }

    @Override
    public DynamicTableSource copy() {
        HdfsDynamicTableSource copy =
                new HdfsDynamicTableSource(
                        builder, tableType, partitionKeys, lineFormat, parallelism);
        copy.producedFields = producedFields;
        return copy;
    }

    @Override
    public String asSummaryString() {
        return HdfsDynamicTableFactory.IDENTIFIER;
    }
}
