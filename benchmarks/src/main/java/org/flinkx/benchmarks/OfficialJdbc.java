package org.flinkx.benchmarks;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.jdbc.JdbcConnectionOptions;
import org.apache.flink.connector.jdbc.JdbcExecutionOptions;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;
import org.apache.flink.types.Row;

/** The official connector's DataStream pieces the benchmark jobs share. */
final class OfficialJdbc {

    /** The benchmark table's columns as {@link Row} fields. */
    static final TypeInformation<Row> ROW_TYPE =
            Types.ROW(
                    Types.LONG,
                    Types.INT,
                    Types.LONG,
                    Types.DOUBLE,
                    Types.BIG_DEC,
                    Types.STRING,
                    Types.STRING,
                    Types.STRING,
                    Types.BOOLEAN,
                    Types.SQL_DATE,
                    Types.SQL_TIMESTAMP,
                    Types.INT);

    /**
     * The official DataStream {@code JdbcSink}, at-least-once: batches of 5000 rows or 1 s, one
     * INSERT per row that the driver's multi-row rewrite (in {@code url}) batches.
     */
    static JdbcSink<Row> appendSink(String table, String url, String user, String password) {
        String insert =
                "INSERT INTO "
                        + table
                        + " ("
                        + BenchData.COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        return JdbcSink.<Row>builder()
                .withExecutionOptions(
                        JdbcExecutionOptions.builder()
                                .withBatchSize(5000)
                                .withBatchIntervalMs(1000)
                                .build())
                .withQueryStatement(
                        insert,
                        (ps, row) -> {
                            for (int i = 0; i < row.getArity(); i++) {
                                ps.setObject(i + 1, row.getField(i));
                            }
                        })
                .buildAtLeastOnce(
                        new JdbcConnectionOptions.JdbcConnectionOptionsBuilder()
                                .withUrl(url)
                                .withUsername(user)
                                .withPassword(password)
                                .build());
    }

    private OfficialJdbc() {}
}
