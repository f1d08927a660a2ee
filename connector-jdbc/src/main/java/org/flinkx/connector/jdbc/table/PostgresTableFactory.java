package org.flinkx.connector.jdbc.table;

import org.apache.flink.annotation.PublicEvolving;
import org.flinkx.connector.jdbc.dialect.JdbcDialect;
import org.flinkx.connector.jdbc.dialect.PostgresDialect;

/** The {@code flinkx-postgresql} connector. */
@PublicEvolving
public final class PostgresTableFactory extends AbstractJdbcTableFactory {

    public static final String IDENTIFIER = "flinkx-postgresql";

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    protected JdbcDialect dialect(String url) {
        requireUrlPrefix(url, "jdbc:postgresql:");
        return new PostgresDialect();
    }
}
