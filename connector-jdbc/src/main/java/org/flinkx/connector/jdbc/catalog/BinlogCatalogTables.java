package org.flinkx.connector.jdbc.catalog;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.factories.DynamicTableFactory;
import org.flinkx.connector.common.text.LiteralPatterns;
import org.flinkx.connector.jdbc.config.JdbcConnectionConfig;

/**
 * A binlog catalog's tables are {@code flinkx-binlog} tables capturing exactly that table: the
 * server's host and port, the catalog's credentials, {@code tables} = the table's name as an
 * expression that matches it alone. The connector is found by its identifier on the class path (the
 * flinkx-binlog jar beside this one in {@code flink/lib}), so its option keys are named here as
 * strings: they are released names and do not change.
 */
@Internal
final class BinlogCatalogTables implements CatalogTables {

    /** The options every table gets from the catalog, which hints may not set. */
    static final Set<String> RESERVED =
            Set.of("hostname", "port", "tables", "username", "password");

    private final DynamicTableFactory factory;
    private final String host;
    private final int port;
    private final JdbcConnectionConfig connection;

    BinlogCatalogTables(
            DynamicTableFactory factory, String host, int port, JdbcConnectionConfig connection) {
        this.factory = factory;
        this.host = host;
        this.port = port;
        this.connection = connection;
    }

    @Override
    public DynamicTableFactory factory() {
        return factory;
    }

    @Override
    public Map<String, String> options(String database, String table) {
        Map<String, String> options = new HashMap<>();
        options.put("hostname", host);
        options.put("port", String.valueOf(port));
        options.put("tables", LiteralPatterns.of(database) + "\\." + LiteralPatterns.of(table));
        if (connection.username() != null) {
            options.put("username", connection.username());
        }
        if (connection.password() != null) {
            options.put("password", connection.password());
        }
        return options;
    }

    @Override
    public Set<String> reservedKeys() {
        return RESERVED;
    }
}
