package org.flinkx.connector.jdbc.testframe;

import java.net.URL;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
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
import org.flinkx.connector.jdbc.internal.JdbcConnections;
import org.flinkx.connector.jdbc.source.JdbcSource;
import org.flinkx.connector.jdbc.source.JdbcSourceBuilder;
import org.flinkx.connector.jdbc.testutils.DatabaseServer;

/**
 * The JDBC source in the connector testing framework: one framework "split" is one table, and the
 * source reads all tables of the context (a sharded read, {@code table-name} = {@code t0,t1,...}),
 * one JDBC split per table ({@code partitionColumn("id").partitions(1)}), so every table is read in
 * the order it was written (ascending {@code id}) while the tables are read in parallel.
 *
 * <p>The framework creates the source before it writes the data in some tests, so the set of tables
 * must be fixed up front: every context has {@value #MAX_SPLITS} tables (the most splits any
 * framework test writes), created when the source or a writer needs them; {@link
 * #createSourceSplitDataWriter} hands them out in order. A test that writes fewer splits leaves the
 * other tables empty, which the source reads as empty splits.
 *
 * <p>Boundedness: {@code BOUNDED} is the plain (bounded) JDBC source. {@code CONTINUOUS_UNBOUNDED}
 * is the polling incremental source ({@code incrementalColumn("id")} + {@code pollingInterval}),
 * which never ends and picks up rows written later; the framework's savepoint, rescaling, metrics
 * and TaskManager-failure tests run against it. Ids grow across the whole context, so rows written
 * later are always above the high-water mark of their table.
 */
public final class JdbcSourceExternalContext implements DataStreamSourceExternalContext<RowData> {

    /** The framework writes at most 4 splits in any source test. */
    static final int MAX_SPLITS = 4;

    static final Duration POLLING_INTERVAL = Duration.ofMillis(200);

    private final Supplier<DatabaseServer> serverSupplier;
    private final String description;
    private final List<String> tables = new ArrayList<>();
    private final List<Connection> connections = new ArrayList<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private TestTables db;
    private int writersCreated;
    private boolean tablesCreated;

    JdbcSourceExternalContext(Supplier<DatabaseServer> serverSupplier, String kind) {
        this.serverSupplier = serverSupplier;
        String base = TestTables.uniqueName("tf_src");
        for (int i = 0; i < MAX_SPLITS; i++) {
            tables.add(base + "_s" + i);
        }
        this.description =
                "JDBC source on " + kind + " (tables " + base + "_s0.." + (MAX_SPLITS - 1) + ")";
    }

    /** A factory for the framework's {@code @TestContext}. */
    public static ExternalContextFactory<JdbcSourceExternalContext> factory(
            Supplier<DatabaseServer> server, String kind) {
        return testName -> new JdbcSourceExternalContext(server, kind);
    }

    private TestTables db() {
        if (db == null) {
            db = new TestTables(serverSupplier.get());
        }
        return db;
    }

    private void createTables() {
        if (!tablesCreated) {
            for (String table : tables) {
                db().create(table, true);
            }
            tablesCreated = true;
        }
    }

    @Override
    public Source<RowData, ?, ?> createSource(TestingSourceSettings settings) {
        createTables();
        DatabaseServer server = db().server();
        JdbcSourceBuilder builder =
                JdbcSource.builder()
                        .url(db().url())
                        .username(server.user())
                        .password(server.password())
                        .tables(tables)
                        .rowType(TestRow.ROW_TYPE)
                        .partitionColumn("id")
                        .partitions(1)
                        .fetchSize(16);
        if (settings.getBoundedness() == Boundedness.CONTINUOUS_UNBOUNDED) {
            builder.incrementalColumn("id").pollingInterval(POLLING_INTERVAL);
        }
        JdbcSource source = builder.build();
        if (source.getBoundedness() != settings.getBoundedness()) {
            throw new IllegalStateException(
                    "Built a "
                            + source.getBoundedness()
                            + " source for "
                            + settings.getBoundedness());
        }
        return source;
    }

    @Override
    public ExternalSystemSplitDataWriter<RowData> createSourceSplitDataWriter(
            TestingSourceSettings settings) {
        if (writersCreated >= MAX_SPLITS) {
            throw new IllegalStateException(
                    "The context has " + MAX_SPLITS + " tables, all handed out already");
        }
        createTables();
        String table = tables.get(writersCreated++);
        Connection connection;
        try {
            connection = db().connect();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        connections.add(connection);
        return new ExternalSystemSplitDataWriter<>() {
            @Override
            public void writeRecords(List<RowData> records) {
                List<TestRow> rows = records.stream().map(TestRow::from).toList();
                try {
                    TestTables.insert(connection, table, rows);
                } catch (SQLException e) {
                    throw new IllegalStateException("Writing into " + table + " failed", e);
                }
            }

            @Override
            public void close() {
                JdbcConnections.closeQuietly(connection);
            }
        };
    }

    /**
     * 10 to 40 rows with ids above every id generated before in this context: the order the rows
     * are generated (and written) is the order of their ids.
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
        connections.forEach(JdbcConnections::closeQuietly);
        connections.clear();
    }

    @Override
    public String toString() {
        return description;
    }
}
