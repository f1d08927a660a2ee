package org.flinkx.connector.binlog.table;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.ScanTableSource;
import org.apache.flink.table.connector.source.abilities.SupportsReadingMetadata;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.DataType;
import org.flinkx.connector.binlog.config.BinlogConfig;
import org.flinkx.connector.binlog.config.BinlogMetadata;
import org.flinkx.connector.binlog.source.BinlogSource;
import org.flinkx.connector.common.source.SourceProviders;

/** The table source of {@code flinkx-binlog}: a changelog with optional metadata columns. */
final class BinlogTableSource implements ScanTableSource, SupportsReadingMetadata {

    private BinlogConfig config;
    @Nullable private final String uid;

    BinlogTableSource(BinlogConfig config, @Nullable String uid) {
        this.config = config;
        this.uid = uid;
    }

    @Override
    public ChangelogMode getChangelogMode() {
        return ChangelogMode.all();
    }

    @Override
    public ScanRuntimeProvider getScanRuntimeProvider(ScanContext context) {
        return SourceProviders.of(
                new BinlogSource(config, InternalTypeInfo.of(BinlogSource.producedRowType(config))),
                uid);
    }

    @Override
    public Map<String, DataType> listReadableMetadata() {
        Map<String, DataType> metadata = new LinkedHashMap<>();
        for (BinlogMetadata m : BinlogMetadata.values()) {
            metadata.put(m.key(), m.type());
        }
        return metadata;
    }

    @Override
    public void applyReadableMetadata(List<String> metadataKeys, DataType producedDataType) {
        if (config.rowPerTable() && !metadataKeys.isEmpty()) {
            throw new org.apache.flink.table.api.ValidationException(
                    "Metadata columns "
                            + metadataKeys
                            + " are not available with 'scan.rows' = 'per-table': a row's table is "
                            + "the column it sets.");
        }
        config = config.withMetadata(metadataKeys);
    }

    @Override
    public DynamicTableSource copy() {
        return new BinlogTableSource(config, uid);
    }

    @Override
    public String asSummaryString() {
        return BinlogTableFactory.IDENTIFIER;
    }
}
