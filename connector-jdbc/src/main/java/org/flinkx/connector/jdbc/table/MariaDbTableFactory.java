package org.flinkx.connector.jdbc.table;

import org.apache.flink.annotation.PublicEvolving;
import org.flinkx.connector.jdbc.dialect.JdbcDialect;
import org.flinkx.connector.jdbc.dialect.MariaDbDialect;

/** The {@code flinkx-mariadb} connector. */
@PublicEvolving
public final class MariaDbTableFactory extends AbstractJdbcTableFactory {

    public static final String IDENTIFIER = "flinkx-mariadb";

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    protected JdbcDialect dialect(String url) {
        requireUrlPrefix(url, "jdbc:mariadb:", "jdbc:mysql:");
        return new MariaDbDialect();
    }
}
