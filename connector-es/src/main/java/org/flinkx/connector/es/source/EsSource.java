package org.flinkx.connector.es.source;

import java.util.ArrayList;
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
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.DoubleType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.VarCharType;
import org.flinkx.connector.es.convert.HitConverter;
import org.flinkx.connector.es.source.enumerator.EsEnumState;
import org.flinkx.connector.es.source.enumerator.EsEnumStateSerializer;
import org.flinkx.connector.es.source.enumerator.EsSplitEnumerator;
import org.flinkx.connector.es.source.reader.EsSourceReader;
import org.flinkx.connector.es.source.split.EsSplit;
import org.flinkx.connector.es.source.split.EsSplitSerializer;

/**
 * FLIP-27 source over an Elasticsearch or OpenSearch index expression: a bounded, parallel,
 * resumable read of the documents a query matches. The search is cut into slices (the splits), read
 * in parallel; each is read in a total order, and its checkpointed position is the last hit's sort
 * values, so a restored job goes on after them instead of reading the slice again:
 *
 * <ul>
 *   <li>{@code pit} (Elasticsearch 7.10+ with X-Pack, OpenSearch 2.4+): every slice is read in one
 *       point in time opened for the job, a consistent view, with {@code search_after};
 *   <li>{@code scroll} (any server): each slice by a sliced scroll; a resumed slice scans its slice
 *       again in a new scroll and skips the hits up to its position.
 * </ul>
 *
 * <p>The rows hold the {@code _source} fields declared, then the metadata columns asked for ({@code
 * _id}, {@code _index}: STRING; {@code _score}: DOUBLE). Build it with {@link #builder()}, or
 * through the {@code flinkx-es} SQL connector.
 */
@PublicEvolving
public final class EsSource
        implements Source<RowData, EsSplit, EsEnumState>, ResultTypeQueryable<RowData> {

    private static final long serialVersionUID = 1L;

    private final EsSourceConfig config;

    /** A source of a configuration that is valid already (the table factory's, the builder's). */
    public EsSource(EsSourceConfig config) {
        this.config = config;
    }

    public static EsSourceBuilder builder() {
        return new EsSourceBuilder();
    }

    public EsSourceConfig config() {
        return config;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.BOUNDED;
    }

    @Override
    public SourceReader<RowData, EsSplit> createReader(SourceReaderContext context)
            throws Exception {
        return EsSourceReader.create(context, config);
    }

    @Override
    public SplitEnumerator<EsSplit, EsEnumState> createEnumerator(
            SplitEnumeratorContext<EsSplit> context) {
        return new EsSplitEnumerator(context, config, EsEnumState.initial());
    }

    @Override
    public SplitEnumerator<EsSplit, EsEnumState> restoreEnumerator(
            SplitEnumeratorContext<EsSplit> context, EsEnumState state) {
        return new EsSplitEnumerator(context, config, state);
    }

    @Override
    public SimpleVersionedSerializer<EsSplit> getSplitSerializer() {
        return EsSplitSerializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<EsEnumState> getEnumeratorCheckpointSerializer() {
        return new EsEnumStateSerializer();
    }

    /** The type of the rows produced: the {@code _source} fields, then the metadata columns. */
    public RowType producedType() {
        List<RowType.RowField> fields = new ArrayList<>(config.sourceFields().getFields());
        for (String key : config.metadata()) {
            fields.add(
                    new RowType.RowField(
                            key,
                            key.equals(HitConverter.SCORE)
                                    ? new DoubleType()
                                    : new VarCharType(VarCharType.MAX_LENGTH)));
        }
        return new RowType(fields);
    }

    @Override
    public TypeInformation<RowData> getProducedType() {
        return InternalTypeInfo.of(producedType());
    }
}
