package org.flinkx.connector.jdbc.source;

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
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.RowType;
import org.flinkx.connector.jdbc.config.JdbcReadConfig;
import org.flinkx.connector.jdbc.dialect.JdbcDialect;
import org.flinkx.connector.jdbc.source.enumerator.JdbcEnumState;
import org.flinkx.connector.jdbc.source.enumerator.JdbcEnumStateSerializer;
import org.flinkx.connector.jdbc.source.enumerator.JdbcSplitEnumerator;
import org.flinkx.connector.jdbc.source.reader.JdbcSourceReader;
import org.flinkx.connector.jdbc.source.split.JdbcSourceSplit;
import org.flinkx.connector.jdbc.source.split.JdbcSourceSplitSerializer;

/**
 * FLIP-27 source over one or more tables of JDBC databases: parallel, resumable reads split on a
 * column, and incremental sync (once, or continuously by polling). Build it with {@link
 * #builder()}, or through the {@code flinkx-*} SQL connectors.
 */
@PublicEvolving
public final class JdbcSource
        implements Source<RowData, JdbcSourceSplit, JdbcEnumState>, ResultTypeQueryable<RowData> {

    private static final long serialVersionUID = 1L;

    private final JdbcReadConfig config;
    private final JdbcDialect dialect;
    private final String connectorName;

    JdbcSource(JdbcReadConfig config, JdbcDialect dialect, String connectorName) {
        this.config = config;
        this.dialect = dialect;
        this.connectorName = connectorName;
    }

    public static JdbcSourceBuilder builder() {
        return new JdbcSourceBuilder();
    }

    /** For the table factory, which validated the configuration already. */
    public static JdbcSource of(JdbcReadConfig config, JdbcDialect dialect, String connectorName) {
        return new JdbcSource(config, dialect, connectorName);
    }

    public JdbcReadConfig config() {
        return config;
    }

    @Override
    public Boundedness getBoundedness() {
        return config.isBounded() ? Boundedness.BOUNDED : Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SourceReader<RowData, JdbcSourceSplit> createReader(SourceReaderContext context)
            throws Exception {
        return JdbcSourceReader.create(context, config, dialect, connectorName);
    }

    @Override
    public SplitEnumerator<JdbcSourceSplit, JdbcEnumState> createEnumerator(
            SplitEnumeratorContext<JdbcSourceSplit> context) {
        return new JdbcSplitEnumerator(
                context, config, dialect, JdbcEnumState.initial(), connectorName);
    }

    @Override
    public SplitEnumerator<JdbcSourceSplit, JdbcEnumState> restoreEnumerator(
            SplitEnumeratorContext<JdbcSourceSplit> context, JdbcEnumState state) {
        return new JdbcSplitEnumerator(context, config, dialect, state, connectorName);
    }

    @Override
    public SimpleVersionedSerializer<JdbcSourceSplit> getSplitSerializer() {
        return JdbcSourceSplitSerializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<JdbcEnumState> getEnumeratorCheckpointSerializer() {
        return new JdbcEnumStateSerializer();
    }

    /** The type of the rows produced: the selected columns, then the metadata columns. */
    public RowType producedType() {
        return config.producedType();
    }

    @Override
    public TypeInformation<RowData> getProducedType() {
        return InternalTypeInfo.of(producedType());
    }
}
