package org.flinkx.connector.es.testframe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.testframe.external.ExternalContextFactory;
import org.apache.flink.connector.testframe.external.ExternalSystemDataReader;
import org.apache.flink.connector.testframe.external.sink.DataStreamSinkV2ExternalContext;
import org.apache.flink.connector.testframe.external.sink.TestingSinkSettings;
import org.apache.flink.streaming.api.CheckpointingMode;
import org.apache.flink.table.data.RowData;
import org.flinkx.connector.es.sink.EsSink;
import org.flinkx.connector.es.testutils.EsTestServer;
import org.flinkx.connector.jdbc.testframe.NewRowsReader;
import org.flinkx.connector.jdbc.testframe.TestRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Elasticsearch sink in the connector testing framework: one index per context (that is, per
 * test invocation), created with the test table's mapping, read back with a search after a refresh.
 *
 * <p>The sink is at-least-once (Elasticsearch has no transactions; every checkpoint sends what is
 * buffered, and its builder refuses {@code EXACTLY_ONCE}). The framework's two semantics map to its
 * two ways of naming documents, both with {@code DeliveryGuarantee.AT_LEAST_ONCE}:
 *
 * <ul>
 *   <li>{@code EXACTLY_ONCE}: primary key {@code id}, so the document id is the row's id and a
 *       replay overwrites the same document: the documented set-up whose index ends with each row
 *       once, which the framework's exactly-once check (nothing missing, nothing twice) verifies.
 *   <li>{@code AT_LEAST_ONCE}: no key, generated ids: a row written twice would be two documents,
 *       which the framework's at-least-once check permits.
 * </ul>
 *
 * <p>Bulk requests of at most {@value #BULK_ACTIONS} actions, so every test sends several.
 */
public final class EsSinkExternalContext implements DataStreamSinkV2ExternalContext<TestRow> {

    private static final Logger LOG = LoggerFactory.getLogger(EsSinkExternalContext.class);

    static final int BULK_ACTIONS = 10;

    private final Supplier<EsTestServer> serverSupplier;
    private final String index = TestRowDocuments.uniqueIndex("tf_sink");
    private final AtomicLong nextId = new AtomicLong(1);
    private EsTestServer server;
    private Boolean keyed;

    private EsSinkExternalContext(Supplier<EsTestServer> serverSupplier) {
        this.serverSupplier = serverSupplier;
    }

    /** A factory for the framework's {@code @TestContext}. */
    public static ExternalContextFactory<EsSinkExternalContext> factory(
            Supplier<EsTestServer> server) {
        return testName -> new EsSinkExternalContext(server);
    }

    @SuppressWarnings("deprecation") // the framework's settings still use the old enum
    private static boolean keyedFor(TestingSinkSettings settings) {
        CheckpointingMode mode = settings.getCheckpointingMode();
        return switch (mode) {
            case EXACTLY_ONCE -> true;
            case AT_LEAST_ONCE -> false;
        };
    }

    /** Creates the index on first use; the documents' ids follow the semantic under test. */
    private void index(TestingSinkSettings settings) {
        boolean wantKey = keyedFor(settings);
        if (keyed == null) {
            server = serverSupplier.get();
            try {
                server.createIndex(index, 2, TestRowDocuments.MAPPING);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the index " + index, e);
            }
            keyed = wantKey;
        } else if (keyed != wantKey) {
            throw new IllegalStateException("One context serves one semantic");
        }
    }

    @Override
    public Sink<TestRow> createSink(TestingSinkSettings settings) {
        index(settings);
        EsSink sink =
                EsSink.builder()
                        .connection(server.connection())
                        .index(index)
                        .rowType(TestRow.ROW_TYPE)
                        .keys(keyed ? List.of("id") : List.of())
                        .deliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                        .bulkFlush(BULK_ACTIONS, MemorySize.ofMebiBytes(1), Duration.ofMillis(200))
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
        index(settings);
        return new NewRowsReader() {
            @Override
            protected List<TestRow> visibleRows() throws IOException {
                return TestRowDocuments.readAll(server, index);
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
    public void close() {
        if (server != null) {
            try {
                server.deleteIndex(index);
            } catch (IOException e) {
                LOG.warn("Cannot delete the test index {}", index, e);
            }
        }
    }

    @Override
    public String toString() {
        return "Elasticsearch sink into "
                + EsTestServer.serverKind()
                + " (index "
                + index
                + (keyed == null ? "" : keyed ? ", upserts by id" : ", generated ids")
                + ")";
    }
}
