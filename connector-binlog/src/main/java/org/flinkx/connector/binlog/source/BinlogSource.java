package org.flinkx.connector.binlog.source;

import java.util.List;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;
import org.flinkx.connector.binlog.config.BinlogConfig;
import org.flinkx.connector.binlog.source.enumerator.BinlogEnumState;
import org.flinkx.connector.binlog.source.enumerator.BinlogEnumStateSerializer;
import org.flinkx.connector.binlog.source.enumerator.BinlogSplitEnumerator;
import org.flinkx.connector.binlog.source.reader.BinlogSourceReader;
import org.flinkx.connector.binlog.source.split.BinlogSourceSplit;
import org.flinkx.connector.binlog.source.split.BinlogSplitSerializer;

/**
 * FLIP-27 source of the changes in a MySQL or MariaDB binlog, through Debezium's embedded engine.
 * An 'initial' start on MariaDB first reads the captured tables in chunks of their primary key,
 * spread over the subtasks, each chunk a lock-free consistent snapshot with its binlog position.
 * Then one split (the binlog stream) whose state is Debezium's offset of the last emitted row plus
 * the schema history, restored from checkpoints and savepoints. Emits changelog rows. Unbounded.
 */
@PublicEvolving
public final class BinlogSource
        implements Source<RowData, BinlogSourceSplit, BinlogEnumState>,
                ResultTypeQueryable<RowData> {

    private static final long serialVersionUID = 1L;

    private final BinlogConfig config;
    private final TypeInformation<RowData> producedType;

    public BinlogSource(BinlogConfig config, TypeInformation<RowData> producedType) {
        this.config = config;
        this.producedType = producedType;
    }

    public static BinlogSourceBuilder builder() {
        return new BinlogSourceBuilder();
    }

    public BinlogConfig config() {
        return config;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SourceReader<RowData, BinlogSourceSplit> createReader(SourceReaderContext context)
            throws Exception {
        return BinlogSourceReader.create(context, config, serverId(context));
    }

    /**
     * The configured server id, else one in 5400-6399 derived from the subtask (unique per job).
     */
    private int serverId(SourceReaderContext context) {
        if (config.serverId() != null) {
            return config.serverId() + context.getIndexOfSubtask();
        }
        return 5400
                + Math.floorMod(
                        System.identityHashCode(this) * 31 + context.getIndexOfSubtask(), 1000);
    }

    @Override
    public SplitEnumerator<BinlogSourceSplit, BinlogEnumState> createEnumerator(
            SplitEnumeratorContext<BinlogSourceSplit> context) {
        return new BinlogSplitEnumerator(context, config, null);
    }

    @Override
    public SplitEnumerator<BinlogSourceSplit, BinlogEnumState> restoreEnumerator(
            SplitEnumeratorContext<BinlogSourceSplit> context, BinlogEnumState state) {
        return new BinlogSplitEnumerator(context, config, state);
    }

    @Override
    public SimpleVersionedSerializer<BinlogSourceSplit> getSplitSerializer() {
        return new BinlogSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<BinlogEnumState> getEnumeratorCheckpointSerializer() {
        return new BinlogEnumStateSerializer();
    }

    @Override
    public TypeInformation<RowData> getProducedType() {
        return producedType;
    }

    /**
     * The row type of the emitted rows: the physical columns (with a row per table: one ROW per
     * table), then the metadata columns.
     */
    public static RowType producedRowType(BinlogConfig config) {
        List<RowType.RowField> fields =
                new java.util.ArrayList<>(config.physicalType().getFields());
        for (String key : config.metadata()) {
            fields.add(
                    new RowType.RowField(
                            key,
                            org.flinkx.connector.binlog.config.BinlogMetadata.of(key)
                                    .type()
                                    .getLogicalType()));
        }
        return new RowType(fields);
    }
}
