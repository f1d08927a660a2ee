package org.flinkx.connector.jdbc.internal;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import javax.sql.XAConnection;
import javax.sql.XADataSource;
import org.apache.flink.annotation.Internal;
import org.flinkx.connector.common.error.SqlErrors;
import org.flinkx.connector.common.error.UnrecoverableException;
import org.flinkx.connector.jdbc.config.JdbcConnectionConfig;
import org.flinkx.connector.jdbc.dialect.JdbcDialect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens connections through the driver class directly (not {@code DriverManager}, which does not
 * see drivers in Flink's user-code class loader). A failed connect becomes one short exception that
 * names the URL (secrets masked) and the user, with the driver's message; never the password.
 */
@Internal
public final class JdbcConnections {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcConnections.class);

    public static Connection open(JdbcConnectionConfig config, JdbcDialect dialect)
            throws SQLException {
        return open(config, dialect, dialect.defaultDriverProperties());
    }

    /** A connection for a source's streaming reads ({@link JdbcDialect#readDriverProperties()}). */
    public static Connection openForRead(JdbcConnectionConfig config, JdbcDialect dialect)
            throws SQLException {
        return open(config, dialect, dialect.readDriverProperties());
    }

    private static Connection open(
            JdbcConnectionConfig config,
            JdbcDialect dialect,
            java.util.Map<String, String> defaults)
            throws SQLException {
        Driver driver = loadDriver(config, dialect);
        String url = dialect.driverUrl(config.url());
        Connection connection;
        try {
            connection = driver.connect(url, config.driverProperties(defaults));
        } catch (SQLException e) {
            throw connectFailure(config, e);
        }
        if (connection == null) {
            throw new SQLException(
                    "The driver "
                            + driver.getClass().getName()
                            + " does not accept the URL "
                            + config.safeUrl());
        }
        return connection;
    }

    public static XAConnection openXa(JdbcConnectionConfig config, JdbcDialect dialect)
            throws SQLException {
        XADataSource dataSource =
                dialect.createXaDataSource(
                        config.url(), config.driverProperties(dialect.defaultDriverProperties()));
        try {
            return dataSource.getXAConnection();
        } catch (SQLException e) {
            throw connectFailure(config, e);
        }
    }

    /**
     * A connect failure without the driver's stack: the message says what and where. Thrown as an
     * {@link UnrecoverableException} instead when no retry can cure it (wrong credentials, an
     * unknown database).
     */
    static SQLException connectFailure(JdbcConnectionConfig config, SQLException cause) {
        LOG.debug("Connect to {} failed", config.safeUrl(), cause);
        // Drivers do not echo the password; masking every string equal to it would instead tell the
        // reader that it equals the user name or the database. Only password=... values are masked.
        String message =
                String.format(
                        "Cannot connect to %s as user '%s': %s",
                        config.safeUrl(),
                        config.username(),
                        JdbcConnectionConfig.maskSecrets(rootMessage(cause)));
        SQLException failure = new SQLException(message, cause.getSQLState(), cause.getErrorCode());
        SqlErrors.throwIfUnrecoverable(message, failure);
        return failure;
    }

    private static String rootMessage(Throwable t) {
        String message = t.getMessage();
        Throwable cause = t.getCause();
        while (cause != null && cause != t) {
            if (cause.getMessage() != null
                    && (message == null || !message.contains(cause.getMessage()))) {
                message = (message == null ? "" : message + ": ") + cause.getMessage();
            }
            t = cause;
            cause = cause.getCause();
        }
        return message;
    }

    private static Driver loadDriver(JdbcConnectionConfig config, JdbcDialect dialect)
            throws SQLException {
        String className =
                config.driverClass() != null ? config.driverClass() : dialect.defaultDriverClass();
        if (className == null) {
            return java.sql.DriverManager.getDriver(config.url());
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try {
            return (Driver)
                    Class.forName(className, true, loader).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new UnrecoverableException(
                    "Cannot load the JDBC driver '"
                            + className
                            + "' for "
                            + config.safeUrl()
                            + ": put the driver's jar into flink/lib or the job jar ("
                            + e
                            + ")",
                    null);
        }
    }

    public static void closeQuietly(XAConnection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("Ignoring failure on close", e);
            }
        }
    }

    public static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.debug("Ignoring failure on close", e);
        }
    }

    private JdbcConnections() {}
}
