package org.flinkx.connector.es.testframe;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.testframe.external.ExternalContextFactory;
import org.apache.flink.connector.testframe.external.ExternalSystemSplitDataWriter;
import org.apache.flink.connector.testframe.external.source.DataStreamSourceExternalContext;
import org.apache.flink.connector.testframe.external.source.TestingSourceSettings;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.flinkx.connector.es.source.EsSource;
import org.flinkx.connector.es.testutils.EsTestServer;
import org.flinkx.connector.jdbc.testframe.TestRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Elasticsearch source in the connector testing framework: a context is one index of {@value
 * #SPLITS} shards on the test node, and one framework "split" is one shard of it.
 *
 * <p>Why shards: the framework checks that the records of one split arrive in the order they were
 * written. The source cuts its search into {@code scan.slices} slices (its splits) and reads each
 * in its own total order, {@code _index} then {@code _id}; with as many slices as the index has
 * shards, the cluster gives each slice one whole shard. So the documents of framework split {@code
 * k} are routed to shard {@code k} (a routing value found once with {@code _search_shards}), their
 * ids are the row ids zero-padded (ids grow across the context, so id order is write order), and
 * the source reads {@value #SPLITS} slices in parallel, each one framework split in order. A test
 * that writes fewer splits leaves shards empty, read as empty slices.
 *
 * <p>Boundedness: the source is bounded (it reads what the search matches when the job plans the
 * read, in one point in time or by scroll). {@link #createSource} refuses {@code
 * CONTINUOUS_UNBOUNDED} with the {@code UnsupportedOperationException} the framework's contract
 * names; the suite runs bounded counterparts of the framework's unbounded cases instead (see {@link
 * EsSourceTestSuiteITCase}).
 */
public final class EsSourceExternalContext implements DataStreamSourceExternalContext<RowData> {

    private static final Logger LOG = LoggerFactory.getLogger(EsSourceExternalContext.class);

    /** The framework writes at most 4 splits in any source test. */
    static final int SPLITS = 4;

    /** Several search pages per slice, so paging (search_after or scroll) is part of every test. */
    static final int FETCH_SIZE = 7;

    private final Supplier<EsTestServer> serverSupplier;
    private final String index = TestRowDocuments.uniqueIndex("tf_src");
    private final AtomicLong nextId = new AtomicLong(1);
    private EsTestServer server;
    private List<String> routings;
    private int writersCreated;

    private EsSourceExternalContext(Supplier<EsTestServer> serverSupplier) {
        this.serverSupplier = serverSupplier;
    }

    /** A factory for the framework's {@code @TestContext}. */
    public static ExternalContextFactory<EsSourceExternalContext> factory(
            Supplier<EsTestServer> server) {
        return testName -> new EsSourceExternalContext(server);
    }

    /** Creates the index and finds a routing value for each shard, on first use. */
    private void index() {
        if (routings != null) {
            return;
        }
        server = serverSupplier.get();
        try {
            server.createIndex(index, SPLITS, TestRowDocuments.MAPPING);
            routings = routingsByShard();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the index " + index, e);
        }
    }

    /** Routing values {@code split-<n>}, the first one found for each shard, by shard number. */
    private List<String> routingsByShard() throws IOException {
        String[] byShard = new String[SPLITS];
        int found = 0;
        for (int n = 0; found < SPLITS; n++) {
            if (n > 1000) {
                throw new IllegalStateException("No routing value found for every shard");
            }
            String routing = "split-" + n;
            JsonNode answer =
                    server.call("GET", "/" + index + "/_search_shards?routing=" + routing, null);
            int shard = answer.path("shards").path(0).path(0).path("shard").asInt(-1);
            if (shard < 0 || shard >= SPLITS) {
                throw new IllegalStateException("Unexpected _search_shards answer: " + answer);
            }
            if (byShard[shard] == null) {
                byShard[shard] = routing;
                found++;
            }
        }
        return List.of(byShard);
    }

    @Override
    public Source<RowData, ?, ?> createSource(TestingSourceSettings settings) {
        if (settings.getBoundedness() != Boundedness.BOUNDED) {
            throw new UnsupportedOperationException(
                    "The Elasticsearch source is bounded: it reads the documents the search "
                            + "matches when the job starts, and no others");
        }
        index();
        EsSource source =
                EsSource.builder()
                        .connection(server.connection())
                        .index(index)
                        .fields(TestRow.ROW_TYPE)
                        .slices(SPLITS)
                        .fetchSize(FETCH_SIZE)
                        .build();
        if (source.getBoundedness() != Boundedness.BOUNDED) {
            throw new IllegalStateException("Built a " + source.getBoundedness() + " source");
        }
        return source;
    }

    /** Framework split {@code n} is shard {@code n}: its documents carry that shard's routing. */
    @Override
    public ExternalSystemSplitDataWriter<RowData> createSourceSplitDataWriter(
            TestingSourceSettings settings) {
        if (writersCreated >= SPLITS) {
            throw new IllegalStateException(
                    "The index has " + SPLITS + " shards, all handed out already");
        }
        index();
        int split = writersCreated++;
        String routing = routings.get(split);
        return new ExternalSystemSplitDataWriter<>() {
            @Override
            public void writeRecords(List<RowData> records) {
                try {
                    bulk(routing, records);
                } catch (IOException e) {
                    throw new UncheckedIOException(
                            "Writing split " + split + " into " + index + " failed", e);
                }
            }

            @Override
            public void close() {}
        };
    }

    /** Indexes the rows in their order with the given routing, visible when this returns. */
    private void bulk(String routing, List<RowData> records) throws IOException {
        StringBuilder body = new StringBuilder();
        for (RowData record : records) {
            TestRow row = TestRow.from(record);
            body.append("{\"index\":{\"_id\":\"")
                    .append(String.format("%010d", row.id()))
                    .append("\",\"routing\":\"")
                    .append(routing)
                    .append("\"}}\n")
                    .append(
                            TestRowDocuments.JSON.writeValueAsString(
                                    TestRowDocuments.document(row)))
                    .append('\n');
        }
        JsonNode result = server.call("POST", "/" + index + "/_bulk?refresh=true", body.toString());
        if (result.path("errors").asBoolean()) {
            throw new IOException("Indexing test documents failed: " + result);
        }
    }

    /**
     * 10 to 40 rows with ids above every id generated before in this context: the order the rows
     * are generated (and written) is the order of their ids, and so of their document ids.
     */
    @Override
    public List<RowData> generateTestData(
            TestingSourceSettings settings, int splitIndex, long seed) {
        return new ArrayList<>(TestRow.randomRows(nextId, seed, 10, 40));
    }

    @Override
    public TypeInformation<RowData> getProducedType() {
        return InternalTypeInfo.of(TestRow.ROW_TYPE);
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
        return "Elasticsearch source of " + EsTestServer.serverKind() + " (index " + index + ")";
    }
}
