package org.flinkx.connector.jdbc.testframe;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.XAConnection;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.flinkx.connector.common.sink.TransactionId;
import org.flinkx.connector.jdbc.config.JdbcConnectionConfig;
import org.flinkx.connector.jdbc.dialect.JdbcDialects;
import org.flinkx.connector.jdbc.internal.JdbcConnections;
import org.flinkx.connector.jdbc.testutils.DatabaseServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Test tables of {@link TestRow}s in the {@value #DATABASE} database of a real test server, written
 * and read with plain JDBC (independently of the connector under test).
 */
final class TestTables {

    private static final Logger LOG = LoggerFactory.getLogger(TestTables.class);

    static final String DATABASE = "flinkx";

    /** FlinkX's XA format id ('FLKX'), see the sink's XaIds. */
    private static final int XA_FORMAT_ID = 0x464C4B58;

    private static final AtomicInteger COUNTER = new AtomicInteger();

    /** Distinguishes this JVM's tables from those of an earlier run on a reused server. */
    private static final String RUN =
            Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36), 36);

    private final DatabaseServer server;

    TestTables(DatabaseServer server) {
        this.server = server;
        server.createDatabase(DATABASE);
    }

    DatabaseServer server() {
        return server;
    }

    String url() {
        return server.jdbcUrl(DATABASE);
    }

    /** A name no other table of this JVM has, in lower case (the connector quotes names). */
    static String uniqueName(String prefix) {
        return prefix + "_" + RUN + "_" + COUNTER.incrementAndGet();
    }

    Connection connect() throws SQLException {
        return server.connect(DATABASE);
    }

    /** Creates the table unless it exists; with {@code primaryKey} the id is its primary key. */
    void create(String table, boolean primaryKey) {
        String timestamp = server.kind().equals("postgresql") ? "TIMESTAMP(3)" : "DATETIME(3)";
        String sql =
                "CREATE TABLE IF NOT EXISTS "
                        + table
                        + " (id BIGINT NOT NULL"
                        + (primaryKey ? " PRIMARY KEY" : "")
                        + ", name VARCHAR(64), amount DECIMAL(12, 2), created "
                        + timestamp
                        + ")";
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create " + table + ": " + e.getMessage(), e);
        }
    }

    /** Inserts the rows in one transaction, in their order. */
    static void insert(Connection connection, String table, List<TestRow> rows)
            throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement ps =
                connection.prepareStatement(
                        "INSERT INTO "
                                + table
                                + " (id, name, amount, created) VALUES (?, ?, ?, ?)")) {
            for (TestRow row : rows) {
                ps.setLong(1, row.id());
                if (row.name() == null) {
                    ps.setNull(2, Types.VARCHAR);
                } else {
                    ps.setString(2, row.name());
                }
                if (row.amount() == null) {
                    ps.setNull(3, Types.DECIMAL);
                } else {
                    ps.setBigDecimal(3, row.amount());
                }
                if (row.created() == null) {
                    ps.setNull(4, Types.TIMESTAMP);
                } else {
                    ps.setObject(4, row.created());
                }
                ps.addBatch();
            }
            ps.executeBatch();
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        }
    }

    /** All committed rows of the table, in no particular order. */
    static List<TestRow> selectAll(Connection connection, String table) throws SQLException {
        List<TestRow> rows = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, name, amount, created FROM " + table)) {
            while (rs.next()) {
                rows.add(
                        new TestRow(
                                rs.getLong(1),
                                rs.getString(2),
                                rs.getBigDecimal(3),
                                rs.getObject(4, LocalDateTime.class)));
            }
        }
        return rows;
    }

    /**
     * Rolls back the prepared XA transactions of the given transaction prefix. A job cancelled
     * between a checkpoint and its commit leaves its last transaction prepared on the server (that
     * is XA: a restart of that job would commit it); the suites cancel jobs, so they clean up, or
     * the prepared transactions would pile up on the shared test server.
     */
    int rollbackPrepared(String transactionPrefix) {
        String url = url();
        int rolledBack = 0;
        XAConnection xa = null;
        try {
            xa =
                    JdbcConnections.openXa(
                            new JdbcConnectionConfig(
                                    url, server.user(), server.password(), null, Map.of()),
                            JdbcDialects.forUrl(url));
            XAResource resource = xa.getXAResource();
            Xid[] prepared = resource.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN);
            for (Xid xid : prepared == null ? new Xid[0] : prepared) {
                if (xid.getFormatId() == XA_FORMAT_ID
                        && TransactionId.fromBytes(transactionPrefix, xid.getGlobalTransactionId())
                                != null) {
                    resource.rollback(xid);
                    rolledBack++;
                }
            }
        } catch (SQLException | XAException e) {
            throw new IllegalStateException(
                    "Cannot roll back the prepared transactions of " + transactionPrefix, e);
        } finally {
            JdbcConnections.closeQuietly(xa);
        }
        if (rolledBack > 0) {
            LOG.info("Rolled back {} prepared transactions of {}", rolledBack, transactionPrefix);
        }
        return rolledBack;
    }
}
