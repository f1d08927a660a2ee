package org.flinkx.connector.es.sink;

import java.io.IOException;
import java.util.List;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.streaming.api.connector.sink2.SupportsPreWriteTopology;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.table.data.RowData;
import org.flinkx.connector.common.sink.ErrorCountOperator;
import org.flinkx.connector.common.sink.FlinkxSinkWriter;
import org.flinkx.connector.common.sink.SinkSettings;

/**
 * Sink V2 into Elasticsearch or OpenSearch through {@code _bulk} requests, at-least-once (every
 * checkpoint sends what is buffered) or none. With a primary key a replay after a failure writes
 * the same documents again, so the index ends as if each change was applied once; without one a
 * replay may index a row twice. Build it with {@link #builder()} or through the {@code flinkx-es}
 * SQL connector.
 */
@PublicEvolving
public final class EsSink implements Sink<RowData>, SupportsPreWriteTopology<RowData> {

    private static final long serialVersionUID = 1L;

    private final EsSinkConfig config;
    private final SinkSettings settings;

    EsSink(EsSinkConfig config) {
        this.config = config;
        this.settings =
                new SinkSettings(
                                config.connector(),
                                config.buffer(),
                                config.guarantee(),
                                config.rateLimit(),
                                config.errorLimit(),
                                config.dirtyData())
                        .withJobWideErrorLimit();
    }

    public static EsSinkBuilder builder() {
        return new EsSinkBuilder();
    }

    public EsSinkConfig config() {
        return config;
    }

    @Override
    public SinkWriter<RowData> createWriter(WriterInitContext context) throws IOException {
        return new FlinkxSinkWriter<>(context, settings, new EsWriter(config), List.of());
    }

    /** The writers' bad rows are counted over the whole job ({@link ErrorCountOperator}). */
    @Override
    public DataStream<RowData> addPreWriteTopology(DataStream<RowData> input) {
        return ErrorCountOperator.addInFrontOfTheWriters(input, settings);
    }
}
