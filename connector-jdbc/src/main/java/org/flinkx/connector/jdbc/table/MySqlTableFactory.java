package org.flinkx.connector.jdbc.table;

import org.apache.flink.annotation.PublicEvolving;
import org.flinkx.connector.jdbc.dialect.JdbcDialect;
import org.flinkx.connector.jdbc.dialect.MySqlDialect;

/** The {@code flinkx-mysql} connector. */
@PublicEvolving
public final class MySqlTableFactory extends AbstractJdbcTableFactory {

    public static final String IDENTIFIER = "flinkx-mysql";

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    protected JdbcDialect dialect(String url) {
        requireUrlPrefix(url, "jdbc:mysql:");
        return new MySqlDialect();
    }
}
