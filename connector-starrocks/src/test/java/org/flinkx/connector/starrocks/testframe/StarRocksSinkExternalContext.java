package org.flinkx.connector.starrocks.testframe;

import java.math.BigDecimal;
import java.net.URL;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.testframe.external.ExternalContextFactory;
import org.apache.flink.connector.testframe.external.ExternalSystemDataReader;
import org.apache.flink.connector.testframe.external.sink.DataStreamSinkV2ExternalContext;
import org.apache.flink.connector.testframe.external.sink.TestingSinkSettings;
import org.apache.flink.streaming.api.CheckpointingMode;
import org.apache.flink.table.data.RowData;
import org.flinkx.connector.jdbc.testframe.NewRowsReader;
import org.flinkx.connector.jdbc.testframe.TestRow;
import org.flinkx.connector.starrocks.sink.StarRocksSink;
import org.flinkx.connector.starrocks.testserver.StarRocksTestServer;
import org.flinkx.connector.starrocks.testserver.TableModel;

/**
 * The StarRocks sink in the connector testing framework: one table of the Stream Load test server
 * per context (that is, per test invocation), read back from the server.
 *
 * <ul>
 *   <li>{@code EXACTLY_ONCE}: Stream Load transactions into a duplicate-key table, so a row loaded
 *       twice shows up twice and fails the suite.
 *   <li>{@code AT_LEAST_ONCE}: a Stream Load per flush into a primary-key table on {@code id}.
 * </ul>
 */
public final class StarRocksSinkExternalContext
        implements DataStreamSinkV2ExternalContext<TestRow> {

    static final String USER = "tf";
    static final String PASSWORD = "tf-pw";
    private static final String DB = "tf";
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static final DateTimeFormatter DATETIME =
            new DateTimeFormatterBuilder()
                    .appendPattern("yyyy-MM-dd HH:mm:ss")
                    .optionalStart()
                    .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
                    .optionalEnd()
                    .toFormatter();

    private final Supplier<StarRocksTestServer> server;
    private final String table = "tf_sink_" + TABLES.incrementAndGet();
    private final AtomicLong nextId = new AtomicLong(1);
    private DeliveryGuarantee created;

    private StarRocksSinkExternalContext(Supplier<StarRocksTestServer> server) {
        this.server = server;
    }

    /** A factory for the framework's {@code @TestContext}. */
    public static ExternalContextFactory<StarRocksSinkExternalContext> factory(
            Supplier<StarRocksTestServer> server) {
        return testName -> new StarRocksSinkExternalContext(server);
    }

    @SuppressWarnings("deprecation") // the framework's settings still use the old enum
    private static DeliveryGuarantee guarantee(TestingSinkSettings settings) {
        CheckpointingMode mode = settings.getCheckpointingMode();
        return switch (mode) {
            case EXACTLY_ONCE -> DeliveryGuarantee.EXACTLY_ONCE;
            case AT_LEAST_ONCE -> DeliveryGuarantee.AT_LEAST_ONCE;
        };
    }

    /** Creates the table on first use; its model follows the semantic under test. */
    private void table(DeliveryGuarantee guarantee) {
        if (created == null) {
            server.get()
                    .createTable(
                            DB,
                            table,
                            List.of(
                                    "id BIGINT",
                                    "name VARCHAR(200)",
                                    "amount DECIMAL(12, 2)",
                                    "created DATETIME"),
                            List.of("id"),
                            guarantee == DeliveryGuarantee.EXACTLY_ONCE
                                    ? TableModel.DUPLICATE_KEY
                                    : TableModel.PRIMARY_KEY);
            created = guarantee;
        } else if (created != guarantee) {
            throw new IllegalStateException("One context serves one semantic");
        }
    }

    @Override
    public Sink<TestRow> createSink(TestingSinkSettings settings) {
        DeliveryGuarantee guarantee = guarantee(settings);
        table(guarantee);
        StarRocksSink sink =
                StarRocksSink.builder()
                        .loadUrl(server.get().feAddress())
                        .database(DB)
                        .table(table)
                        .username(USER)
                        .password(PASSWORD)
                        .rowType(TestRow.ROW_TYPE)
                        .keys(
                                guarantee == DeliveryGuarantee.EXACTLY_ONCE
                                        ? List.of()
                                        : List.of("id"))
                        .deliveryGuarantee(guarantee)
                        .build();
        return asTestRowSink(sink);
    }

    /**
     * A {@code Sink<RowData>} accepts every {@code TestRow}, which is a {@code RowData}; Java's
     * generics are invariant, so the cast is unchecked but safe (the sink only consumes records).
     */
    @SuppressWarnings("unchecked")
    private static Sink<TestRow> asTestRowSink(Sink<RowData> sink) {
        return (Sink<TestRow>) (Sink<?>) sink;
    }

    @Override
    public ExternalSystemDataReader<TestRow> createSinkDataReader(TestingSinkSettings settings) {
        table(guarantee(settings));
        return new NewRowsReader() {
            @Override
            protected List<TestRow> visibleRows() {
                List<TestRow> rows = new ArrayList<>();
                for (Map<String, String> row : server.get().rows(DB, table)) {
                    rows.add(
                            new TestRow(
                                    Long.parseLong(row.get("id")),
                                    row.get("name"),
                                    row.get("amount") == null
                                            ? null
                                            : new BigDecimal(row.get("amount")),
                                    row.get("created") == null
                                            ? null
                                            : LocalDateTime.parse(row.get("created"), DATETIME)));
                }
                return rows;
            }
        };
    }

    /** 20 to 60 rows with ids unique in this context. */
    @Override
    public List<TestRow> generateTestData(TestingSinkSettings settings, long seed) {
        return TestRow.randomRows(nextId, seed, 20, 60);
    }

    @Override
    public TypeInformation<TestRow> getProducedType() {
        return TestRow.TYPE_INFO;
    }

    @Override
    public List<URL> getConnectorJarPaths() {
        return List.of(); // the MiniCluster runs on the test class path
    }

    @Override
    public void close() {}

    @Override
    public String toString() {
        return "StarRocks sink into the Stream Load test server (table " + DB + "." + table + ")";
    }
}
