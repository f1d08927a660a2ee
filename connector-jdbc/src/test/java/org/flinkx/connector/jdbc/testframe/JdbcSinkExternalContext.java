package org.flinkx.connector.jdbc.testframe;

import java.net.URL;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
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
import org.flinkx.connector.jdbc.internal.JdbcConnections;
import org.flinkx.connector.jdbc.sink.JdbcSink;
import org.flinkx.connector.jdbc.testutils.DatabaseServer;

/**
 * The JDBC sink in the connector testing framework: one target table per context (that is, per test
 * invocation), read back with plain JDBC.
 *
 * <ul>
 *   <li>{@code EXACTLY_ONCE}: delivery guarantee exactly-once (XA), plain inserts into a table
 *       <em>without</em> a key, so a row written twice shows up twice and fails the suite.
 *   <li>{@code AT_LEAST_ONCE}: delivery guarantee at-least-once, upserts on the primary key {@code
 *       id} (the documented idempotent set-up).
 * </ul>
 *
 * <p>The sink is {@code Sink<RowData>} and the framework needs {@code T extends Comparable<T>}:
 * records are {@link TestRow}s, which are {@code RowData}, so the sink is handed to the framework
 * as a {@code Sink<TestRow>} (see {@link #createSink}).
 */
public final class JdbcSinkExternalContext implements DataStreamSinkV2ExternalContext<TestRow> {

    private final Supplier<DatabaseServer> serverSupplier;
    private final String table;
    private final String transactionPrefix;
    private final String description;
    private final AtomicLong nextId = new AtomicLong(1);
    private final List<Reader> readers = new ArrayList<>();
    private TestTables db;
    private Boolean keyed;

    JdbcSinkExternalContext(Supplier<DatabaseServer> serverSupplier, String kind) {
        this.serverSupplier = serverSupplier;
        this.table = TestTables.uniqueName("tf_sink");
        this.transactionPrefix = table.replace("_", "");
        this.description = "JDBC sink on " + kind + " (table " + table + ")";
    }

    /** A factory for the framework's {@code @TestContext}. */
    public static ExternalContextFactory<JdbcSinkExternalContext> factory(
            Supplier<DatabaseServer> server, String kind) {
        return testName -> new JdbcSinkExternalContext(server, kind);
    }

    @SuppressWarnings("deprecation") // the framework's settings still use the old enum
    private static DeliveryGuarantee guarantee(TestingSinkSettings settings) {
        CheckpointingMode mode = settings.getCheckpointingMode();
        return switch (mode) {
            case EXACTLY_ONCE -> DeliveryGuarantee.EXACTLY_ONCE;
            case AT_LEAST_ONCE -> DeliveryGuarantee.AT_LEAST_ONCE;
        };
    }

    /** Creates the target table on first use; its layout follows the semantic under test. */
    private TestTables table(TestingSinkSettings settings) {
        boolean wantKey = guarantee(settings) != DeliveryGuarantee.EXACTLY_ONCE;
        if (db == null) {
            db = new TestTables(serverSupplier.get());
            db.create(table, wantKey);
            keyed = wantKey;
        } else if (keyed != wantKey) {
            throw new IllegalStateException("One context serves one semantic");
        }
        return db;
    }

    @Override
    public Sink<TestRow> createSink(TestingSinkSettings settings) {
        TestTables db = table(settings);
        DatabaseServer server = db.server();
        JdbcSink sink =
                JdbcSink.builder()
                        .url(db.url())
                        .username(server.user())
                        .password(server.password())
                        .table(table)
                        .rowType(TestRow.ROW_TYPE)
                        .keys(keyed ? List.of("id") : List.of())
                        .deliveryGuarantee(guarantee(settings))
                        .transactionPrefix(transactionPrefix)
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
        TestTables db = table(settings);
        try {
            Reader reader = new Reader(db.connect(), table);
            readers.add(reader);
            return reader;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
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
        readers.forEach(Reader::close);
        readers.clear();
        if (db != null && !keyed) {
            db.rollbackPrepared(transactionPrefix);
        }
    }

    @Override
    public String toString() {
        return description;
    }

    /** The committed rows of the table. */
    private static final class Reader extends NewRowsReader {
        private final Connection connection;
        private final String table;

        Reader(Connection connection, String table) {
            this.connection = connection;
            this.table = table;
        }

        @Override
        protected List<TestRow> visibleRows() throws SQLException {
            return TestTables.selectAll(connection, table);
        }

        @Override
        public void close() {
            JdbcConnections.closeQuietly(connection);
        }
    }
}
