package org.flinkx.connector.jdbc.testutils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A real database server started for tests on 127.0.0.1 (see {@link PostgresServer} and {@link
 * MariaDbServer}). One server of each kind per JVM, started lazily, stopped by a shutdown hook.
 *
 * <p>{@link #user()}/{@link #password()} name a non-root account with all privileges whose password
 * is really checked, so a wrong password fails.
 */
public interface DatabaseServer extends AutoCloseable {

    /** "postgresql" or "mariadb". */
    String kind();

    String host();

    int port();

    /** JDBC URL of the given database (null or empty: the server's default database). */
    String jdbcUrl(String database);

    String user();

    String password();

    /** Creates the database if it does not exist yet. */
    void createDatabase(String name);

    /**
     * Stops the server (every connection is closed, new ones are refused), waits {@code down}, and
     * starts it again on the same port and data; returns once it accepts connections.
     */
    void restart(java.time.Duration down) throws Exception;

    /** A new connection (auto-commit on) to the given database as {@link #user()}. */
    default Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), user(), password());
    }

    /** Runs a query and returns every row as strings ({@code ResultSet.getString}). */
    default java.util.List<java.util.List<String>> query(String database, String sql)
            throws SQLException {
        java.util.List<java.util.List<String>> rows = new java.util.ArrayList<>();
        try (Connection c = connect(database);
                java.sql.Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                java.util.List<String> row = new java.util.ArrayList<>(columns);
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** Stops the server. Normally left to the JVM shutdown hook. */
    @Override
    void close();

    /** A TCP port free on 127.0.0.1 right now. */
    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
