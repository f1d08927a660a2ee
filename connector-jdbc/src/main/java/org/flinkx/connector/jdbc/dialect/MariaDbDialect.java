package org.flinkx.connector.jdbc.dialect;

import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import javax.sql.XADataSource;
import org.apache.flink.annotation.PublicEvolving;

/** MariaDB through the MariaDB driver, which streams result sets with a positive fetch size. */
@PublicEvolving
public class MariaDbDialect extends MySqlDialect {

    private static final long serialVersionUID = 1L;
    static final String MARIADB_DRIVER = "org.mariadb.jdbc.Driver";
    // The session runs in UTC (an offset, so no time zone tables are needed): TIMESTAMP columns
    // then read and write as UTC wall-clock times, which the dialect turns into instants; DATETIME
    // values are exchanged as LocalDateTime and never shifted.
    // allowLocalInfile: the sink's LOAD DATA LOCAL sends a stream from memory (never a file).
    static final Map<String, String> DRIVER_DEFAULTS =
            Map.of("sessionVariables", UTC_SESSION, "allowLocalInfile", "true");
    // Reads use the binary protocol: numbers and dates arrive as fixed-width values instead of
    // text to parse (a full-table read measured 10-15 % faster; docs/benchmarks.md).
    static final Map<String, String> READ_DEFAULTS =
            Map.of("sessionVariables", UTC_SESSION, "useServerPrepStmts", "true");

    @Override
    public String name() {
        return "mariadb";
    }

    @Override
    public boolean acceptsUrl(String url) {
        return url.startsWith("jdbc:mariadb:");
    }

    @Override
    public String defaultDriverClass() {
        return MARIADB_DRIVER;
    }

    @Override
    public Map<String, String> defaultDriverProperties() {
        return DRIVER_DEFAULTS;
    }

    @Override
    public Map<String, String> readDriverProperties() {
        return READ_DEFAULTS;
    }

    @Override
    public String driverUrl(String url) {
        if (url.startsWith("jdbc:mysql:") && !url.contains("permitMysqlScheme")) {
            return url + (url.contains("?") ? "&" : "?") + "permitMysqlScheme";
        }
        return url;
    }

    @Override
    public XADataSource createXaDataSource(String url, Properties properties) throws SQLException {
        return mariaDbXaDataSource(url, properties);
    }

    @Override
    public String xaPrerequisites() {
        return "MariaDB 10.5 or newer (prepared XA transactions must survive a disconnect) and "
                + "InnoDB tables";
    }

    static XADataSource mariaDbXaDataSource(String url, Properties properties) throws SQLException {
        StringBuilder fullUrl = new StringBuilder(url);
        char separator = url.contains("?") ? '&' : '?';
        for (String name : properties.stringPropertyNames()) {
            if (name.equals("user") || name.equals("password")) {
                continue;
            }
            fullUrl.append(separator).append(name).append('=').append(properties.getProperty(name));
            separator = '&';
        }
        org.mariadb.jdbc.MariaDbDataSource ds = new org.mariadb.jdbc.MariaDbDataSource();
        ds.setUrl(fullUrl.toString());
        if (properties.getProperty("user") != null) {
            ds.setUser(properties.getProperty("user"));
        }
        if (properties.getProperty("password") != null) {
            ds.setPassword(properties.getProperty("password"));
        }
        return ds;
    }
}
