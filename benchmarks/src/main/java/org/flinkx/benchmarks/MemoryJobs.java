package org.flinkx.benchmarks;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.types.Row;

/**
 * The sink jobs fed from memory ({@code memory-pg}, {@code memory-mariadb}): a sequence of ids,
 * each row a shallow copy of one of {@link #TEMPLATES} pre-built rows with its id set, so the
 * source costs almost nothing and the sink is what is measured. FlinkX's DataStream {@code
 * JdbcSink} and the official connector's DataStream {@code JdbcSink} get the same rows.
 */
final class MemoryJobs {

    /** Distinct rows built once per task; row {@code id} is template {@code id % TEMPLATES}. */
    static final int TEMPLATES = 10_000;

    static final RowType ROW_TYPE =
            (RowType)
                    DataTypes.ROW(
                                    DataTypes.FIELD("id", DataTypes.BIGINT()),
                                    DataTypes.FIELD("c_int", DataTypes.INT()),
                                    DataTypes.FIELD("c_bigint", DataTypes.BIGINT()),
                                    DataTypes.FIELD("c_double", DataTypes.DOUBLE()),
                                    DataTypes.FIELD("c_decimal", DataTypes.DECIMAL(18, 4)),
                                    DataTypes.FIELD("c_short", DataTypes.VARCHAR(32)),
                                    DataTypes.FIELD("c_long", DataTypes.VARCHAR(255)),
                                    DataTypes.FIELD("c_text", DataTypes.STRING()),
                                    DataTypes.FIELD("c_bool", DataTypes.BOOLEAN()),
                                    DataTypes.FIELD("c_date", DataTypes.DATE()),
                                    DataTypes.FIELD("c_ts", DataTypes.TIMESTAMP(6)),
                                    DataTypes.FIELD("c_nint", DataTypes.INT()))
                            .getLogicalType();

    private MemoryJobs() {}

    /**
     * FlinkX's DataStream JdbcSink with its defaults (batches of 5000, COPY / LOAD DATA appends).
     */
    static long flinkx(
            StreamExecutionEnvironment env,
            String url,
            String user,
            String password,
            String table,
            long rows)
            throws Exception {
        rows(env, rows)
                .sinkTo(
                        org.flinkx.connector.jdbc.sink.JdbcSink.builder()
                                .url(url)
                                .username(user)
                                .password(password)
                                .table(table)
                                .rowType(ROW_TYPE)
                                .build());
        return env.execute("flinkx memory sink").getNetRuntime();
    }

    /**
     * FlinkX's DataStream StarRocksSink with its defaults (CSV, at-least-once, buffers of 500,000
     * rows / 32 MB / 5 s) into the Stream Load test server.
     */
    static long starRocks(
            StreamExecutionEnvironment env,
            String fe,
            String user,
            String password,
            String table,
            long rows)
            throws Exception {
        rows(env, rows)
                .sinkTo(
                        org.flinkx.connector.starrocks.sink.StarRocksSink.builder()
                                .loadUrl(fe)
                                .database("bench")
                                .table(table)
                                .username(user)
                                .password(password)
                                .rowType(ROW_TYPE)
                                .build());
        return env.execute("flinkx memory sink into starrocks").getNetRuntime();
    }

    /**
     * FlinkX's DataStream EsSink with its defaults (bulk requests of 1000 actions / 5 MB / 1 s,
     * at-least-once) and {@code id} as the document id (upserts, as the keyed SQL table).
     */
    static long es(StreamExecutionEnvironment env, String hosts, String index, long rows)
            throws Exception {
        rows(env, rows)
                .sinkTo(
                        org.flinkx.connector.es.sink.EsSink.builder()
                                .connection(
                                        org.flinkx.connector.es.config.EsConnection.builder()
                                                .hosts(hosts)
                                                .build())
                                .index(index)
                                .rowType(ROW_TYPE)
                                .keys(java.util.List.of("id"))
                                .build());
        return env.execute("flinkx memory sink into elasticsearch").getNetRuntime();
    }

    /** The official DataStream JdbcSink: batches of 5000, the driver's multi-row rewrite on. */
    static long official(
            StreamExecutionEnvironment env,
            String url,
            String user,
            String password,
            String table,
            long rows)
            throws Exception {
        env.fromSequence(1, rows)
                .map(new ToRow())
                .returns(Row.class)
                .sinkTo(OfficialJdbc.appendSink(table, url, user, password));
        return env.execute("official memory sink").getNetRuntime();
    }

    private static DataStream<RowData> rows(StreamExecutionEnvironment env, long rows) {
        return env.fromSequence(1, rows)
                .map(new ToRowData())
                .returns(InternalTypeInfo.of(ROW_TYPE));
    }

    /**
     * A string as a source hands it over: UTF-8 bytes already (not a Java string to encode per
     * row).
     */
    private static StringData utf8(String value) {
        return StringData.fromBytes(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Template rows in Flink's internal types. */
    private static final class ToRowData implements MapFunction<Long, RowData> {
        private transient GenericRowData[] templates;

        @Override
        public RowData map(Long id) {
            if (templates == null) {
                templates = new GenericRowData[TEMPLATES];
                for (int i = 0; i < TEMPLATES; i++) {
                    long t = i + 1;
                    LocalDateTime ts = BenchData.cTs(t);
                    String cLong = BenchData.cLong(t);
                    templates[i] =
                            GenericRowData.of(
                                    t,
                                    (int) BenchData.cInt(t),
                                    t * 1_000_003,
                                    t / 7.0,
                                    DecimalData.fromBigDecimal(BenchData.cDecimal(t), 18, 4),
                                    utf8(BenchData.cShort(t)),
                                    cLong == null ? null : utf8(cLong),
                                    utf8(BenchData.cText(t)),
                                    t % 2 == 0,
                                    (int) BenchData.cDate(t).toEpochDay(),
                                    ts == null ? null : TimestampData.fromLocalDateTime(ts),
                                    BenchData.cNint(t));
                }
            }
            GenericRowData template = templates[(int) (id % TEMPLATES)];
            GenericRowData row = new GenericRowData(template.getArity());
            for (int i = 1; i < row.getArity(); i++) {
                row.setField(i, template.getField(i));
            }
            row.setField(0, id);
            return row;
        }
    }

    /** The same template rows as external types, for the official sink. */
    private static final class ToRow implements MapFunction<Long, Row> {
        private transient Row[] templates;

        @Override
        public Row map(Long id) {
            if (templates == null) {
                templates = new Row[TEMPLATES];
                for (int i = 0; i < TEMPLATES; i++) {
                    long t = i + 1;
                    LocalDateTime ts = BenchData.cTs(t);
                    templates[i] =
                            Row.of(
                                    t,
                                    (int) BenchData.cInt(t),
                                    t * 1_000_003,
                                    t / 7.0,
                                    BenchData.cDecimal(t),
                                    BenchData.cShort(t),
                                    BenchData.cLong(t),
                                    BenchData.cText(t),
                                    t % 2 == 0,
                                    Date.valueOf(BenchData.cDate(t)),
                                    ts == null ? null : Timestamp.valueOf(ts),
                                    BenchData.cNint(t));
                }
            }
            Row row = Row.copy(templates[(int) (id % TEMPLATES)]);
            row.setField(0, id);
            return row;
        }
    }
}
