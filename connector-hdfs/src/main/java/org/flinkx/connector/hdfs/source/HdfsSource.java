package org.flinkx.connector.hdfs.source;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.flinkx.connector.hdfs.source.enumerator.HdfsEnumState;
import org.flinkx.connector.hdfs.source.enumerator.HdfsEnumStateSerializer;
import org.flinkx.connector.hdfs.source.enumerator.HdfsSplitEnumerator;
import org.flinkx.connector.hdfs.source.reader.HdfsSourceReader;
import org.flinkx.connector.hdfs.source.split.HdfsSplitSerializer;

/**
 * FLIP-27 source of files on a Hadoop file system: splits per file and per block (for splittable
 * formats), resumable at the position inside a split after a failure, optionally discovering new
 * files. Build it with {@link #builder()} or through the {@code flinkx-hdfs} SQL connector.
 */
@PublicEvolving
public final class HdfsSource
        implements Source<RowData, FileSourceSplit, HdfsEnumState>, ResultTypeQueryable<RowData> {

    private static final long serialVersionUID = 1L;

    private final HdfsSourceConfig config;

    HdfsSource(HdfsSourceConfig config) {
        this.config = config;
    }

    public static HdfsSourceBuilder builder() {
        return new HdfsSourceBuilder();
    }

    public HdfsSourceConfig config() {
        return config;
    }

    @Override
    public Boundedness getBoundedness() {
        return config.monitorInterval() == null
                ? Boundedness.BOUNDED
                : Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SourceReader<RowData, FileSourceSplit> createReader(SourceReaderContext context)
            throws Exception {
        return HdfsSourceReader.create(context, config);
    }

    @Override
    public SplitEnumerator<FileSourceSplit, HdfsEnumState> createEnumerator(
            SplitEnumeratorContext<FileSourceSplit> context) {
        return new HdfsSplitEnumerator(context, config, null);
    }

    @Override
    public SplitEnumerator<FileSourceSplit, HdfsEnumState> restoreEnumerator(
            SplitEnumeratorContext<FileSourceSplit> context, HdfsEnumState checkpoint) {
        return new HdfsSplitEnumerator(context, config, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<FileSourceSplit> getSplitSerializer() {
        return HdfsSplitSerializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<HdfsEnumState> getEnumeratorCheckpointSerializer() {
        return new HdfsEnumStateSerializer();
    }

    @Override
    public TypeInformation<RowData> getProducedType() {
        return InternalTypeInfo.of(config.producedType());
    }
}
