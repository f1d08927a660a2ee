package org.flinkx.connector.binlog.client;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.annotation.Internal;
import org.flinkx.connector.binlog.config.BinlogConfig;
import org.flinkx.connector.binlog.config.ServerFlavor;
import org.flinkx.connector.common.error.SqlErrors;

/**
 * FlinkX's own JDBC connections to the server (snapshot chunks, chunk planning, binlog positions),
 * with the configured 'jdbc.*' driver properties, and the server kind.
 */
@Internal
public final class BinlogConnections {

    private final BinlogConfig config;
    private ServerFlavor flavor;

    public BinlogConnections(BinlogConfig config) {
        this.config = config;
    }

    public Connection connect() throws SQLException {
        return connect(Map.of());
    }

    /** A connection with these driver properties under the configured 'jdbc.*' ones. */
    public Connection connect(Map<String, String> defaults) throws SQLException {
        String prefix =
                config.flavor() == null
                        ? ServerFlavor.MARIADB.jdbcPrefix()
                        : config.flavor().jdbcPrefix();
        String url = prefix + "://" + config.hostname() + ":" + config.port() + "/";
        try {
            Properties properties = new Properties();
            properties.putAll(defaults);
            properties.putAll(config.jdbcProperties());
            properties.setProperty("user", config.username());
            properties.setProperty("password", config.password() == null ? "" : config.password());
            return DriverManager.getConnection(url, properties);
        } catch (SQLException e) {
            // Host and port in the root of the chain: clients show a failure's root cause.
            SQLException failure =
                    new SQLException(
                            String.format(
                                    "Cannot connect to %s:%d as '%s': %s",
                                    config.hostname(),
                                    config.port(),
                                    config.username(),
                                    e.getMessage()),
                            e.getSQLState(),
                            e.getErrorCode());
            failure.addSuppressed(e);
            SqlErrors.throwIfUnrecoverable(failure.getMessage(), failure);
            throw failure;
        }
    }

    /** The configured server kind, or what the server says it is. */
    public ServerFlavor flavor() throws SQLException {
        if (flavor == null) {
            flavor = config.flavor() != null ? config.flavor() : askFlavor();
        }
        return flavor;
    }

    private ServerFlavor askFlavor() throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT VERSION()")) {
            rs.next();
            return rs.getString(1).toLowerCase().contains("mariadb")
                    ? ServerFlavor.MARIADB
                    : ServerFlavor.MYSQL;
        }
    }
}
