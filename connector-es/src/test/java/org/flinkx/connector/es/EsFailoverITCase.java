package org.flinkx.connector.es;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.flinkx.connector.common.options.RateLimit;
import org.flinkx.connector.es.sink.EsSink;
import org.flinkx.connector.es.source.EsSource;
import org.flinkx.connector.es.testutils.EsTestServer;
import org.flinkx.connector.jdbc.sink.JdbcSink;
import org.flinkx.connector.jdbc.source.JdbcSource;
import org.flinkx.connector.jdbc.testutils.DatabaseServer;
import org.flinkx.connector.jdbc.testutils.FailingMapper;
import org.flinkx.connector.jdbc.testutils.FailingMapper.FailurePoint;
import org.flinkx.connector.jdbc.testutils.PostgresServer;
import org.flinkx.connector.jdbc.testutils.TestClusters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Failures injected into running jobs, checked row by row afterwards: a JDBC → index job with a
 * primary key fails once after a checkpoint, restarts from it, and the index equals the table (the
 * replayed rows overwrote their documents); an index → JDBC job (exactly-once into PostgreSQL)
 * fails likewise, its slices resume after their last checkpointed documents, and the table holds
 * every document once.
 */
class EsFailoverITCase {

    @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.withSlots(4);

    private static final int ROWS = 3000;
    private static final RowType ROW_TYPE =
            (RowType)
                    DataTypes.ROW(
                                    DataTypes.FIELD("id", DataTypes.BIGINT().notNull()),
                                    DataTypes.FIELD("payload", DataTypes.STRING()),
                                    DataTypes.FIELD("amount", DataTypes.DECIMAL(12, 2)))
                            .getLogicalType();

    private static DatabaseServer postgres() {
        DatabaseServer server = PostgresServer.get();
        server.createDatabase("flinkx");
        return server;
    }

    private static String fillTable(DatabaseServer pg, String prefix) throws Exception {
        String table = prefix + (System.nanoTime() % 100000);
        try (Connection c = pg.connect("flinkx");
                Statement s = c.createStatement()) {
            s.execute(
                    "CREATE TABLE "
                            + table
                            + " (id BIGINT NOT NULL PRIMARY KEY, payload VARCHAR(64), "
                            + "amount NUMERIC(12, 2))");
            try (PreparedStatement ps =
                    c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?)")) {
                for (int i = 0; i < ROWS; i++) {
                    ps.setLong(1, i);
                    ps.setString(2, i % 11 == 0 ? null : "payload-" + i + " \"quoted\"\n");
                    ps.setBigDecimal(3, new BigDecimal(i).movePointLeft(2));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        return table;
    }

    @Test
    void jdbcToIndexEndsEqualToTheTableAfterAFailure() throws Exception {
        DatabaseServer pg = postgres();
        String table = fillTable(pg, "es_src_");
        EsTestServer es = EsTestServer.shared();
        String index = "failover-" + table.replace('_', '-');
        FailingMapper.reset(FailurePoint.AFTER_CHECKPOINT, ROWS / 2);

        StreamExecutionEnvironment env = TestClusters.restartingEnvironment(2, 150);
        JdbcSource source =
                JdbcSource.builder()
                        .url(pg.jdbcUrl("flinkx"))
                        .username(pg.user())
                        .password(pg.password())
                        .table(table)
                        .rowType(ROW_TYPE)
                        .partitionColumn("id")
                        .partitions(4)
                        .fetchSize(50)
                        // slow enough that several checkpoints happen while reading
                        .rateLimit(new RateLimit(1000, 0))
                        .build();
        EsSink sink =
                EsSink.builder()
                        .connection(es.connection())
                        .index(index)
                        .rowType(ROW_TYPE)
                        .keys(List.of("id"))
                        .build();
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "jdbc-source")
                .returns(source.getProducedType())
                .map(new FailingMapper())
                .returns(source.getProducedType())
                .sinkTo(sink);
        env.execute("jdbc to es failover");

        assertThat(FailingMapper.failed).as("the injected failure happened").isTrue();
        List<String> expected = new ArrayList<>();
        for (List<String> row :
                pg.query("flinkx", "SELECT id, payload, amount FROM " + table + " ORDER BY id")) {
            expected.add(row.get(0) + "|" + row.get(1) + "|" + row.get(2));
        }
        Map<String, JsonNode> documents = es.documents(index);
        List<String> actual = new ArrayList<>();
        documents.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(EsTestServer.idOrder()))
                .forEach(
                        e -> {
                            JsonNode doc = e.getValue();
                            assertThat(doc.path("id").asText()).isEqualTo(e.getKey());
                            actual.add(
                                    e.getKey()
                                            + "|"
                                            + (doc.path("payload").isNull()
                                                    ? "null"
                                                    : doc.path("payload").asText())
                                            + "|"
                                            + doc.path("amount").decimalValue().setScale(2));
                        });
        assertThat(actual).hasSize(ROWS).isEqualTo(expected);
    }

    @Test
    void indexToJdbcResumesSlicesAfterTheirLastDocument() throws Exception {
        EsTestServer es = EsTestServer.shared();
        String index = "failover-src-" + (System.nanoTime() % 100000);
        es.createIndex(
                index,
                3,
                "{\"id\":{\"type\":\"long\"},\"payload\":{\"type\":\"keyword\"},"
                        + "\"amount\":{\"type\":\"double\"}}");
        Map<String, Object> documents = new java.util.LinkedHashMap<>();
        for (int i = 0; i < ROWS; i++) {
            Map<String, Object> doc = new java.util.LinkedHashMap<>();
            doc.put("id", i);
            doc.put("payload", i % 11 == 0 ? null : "payload-" + i);
            doc.put("amount", new BigDecimal(i).movePointLeft(2));
            documents.put(String.valueOf(i), doc);
        }
        es.index(index, documents);
        DatabaseServer pg = postgres();
        String table = "es_dst_" + (System.nanoTime() % 100000);
        try (Connection c = pg.connect("flinkx");
                Statement s = c.createStatement()) {
            // no key: a row written twice would show
            s.execute(
                    "CREATE TABLE "
                            + table
                            + " (id BIGINT NOT NULL, payload VARCHAR(64), amount NUMERIC(12, 2))");
        }
        FailingMapper.reset(FailurePoint.AFTER_CHECKPOINT, ROWS / 2);

        StreamExecutionEnvironment env = TestClusters.restartingEnvironment(2, 150);
        EsSource source =
                EsSource.builder()
                        .connection(es.connection())
                        .index(index)
                        .fields(ROW_TYPE)
                        .slices(4)
                        .fetchSize(50)
                        // slow enough that several checkpoints happen while reading
                        .rateLimit(new RateLimit(1000, 0))
                        .build();
        JdbcSink sink =
                JdbcSink.builder()
                        .url(pg.jdbcUrl("flinkx"))
                        .username(pg.user())
                        .password(pg.password())
                        .table(table)
                        .rowType(ROW_TYPE)
                        .deliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                        .transactionPrefix("es" + table)
                        .build();
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "es-source")
                .returns(source.getProducedType())
                .map(new FailingMapper())
                .returns(source.getProducedType())
                .sinkTo(sink);
        env.execute("es to jdbc failover");

        assertThat(FailingMapper.failed).as("the injected failure happened").isTrue();
        List<List<String>> rows =
                pg.query("flinkx", "SELECT id, payload, amount FROM " + table + " ORDER BY id");
        assertThat(rows).hasSize(ROWS);
        for (int i = 0; i < ROWS; i++) {
            assertThat(rows.get(i))
                    .containsExactly(
                            String.valueOf(i),
                            i % 11 == 0 ? null : "payload-" + i,
                            new BigDecimal(i).movePointLeft(2).toPlainString());
        }
        // After the restore only documents after the checkpointed positions were emitted again.
        assertThat(FailingMapper.seenAfterRecovery)
                .doesNotContainAnyElementsOf(FailingMapper.seenAtRestoredCheckpoint());
        assertThat(FailingMapper.seenAfterRecovery.size()).isLessThan(ROWS);
    }
}
