package org.flinkx.connector.jdbc.table;

import org.apache.flink.annotation.PublicEvolving;
import org.flinkx.connector.jdbc.dialect.JdbcDialect;
import org.flinkx.connector.jdbc.dialect.JdbcDialects;

/**
 * The {@code flinkx-jdbc} connector: any JDBC URL. A URL of a database FlinkX knows gets that
 * database's dialect; any other gets the generic one.
 */
@PublicEvolving
public final class GenericJdbcTableFactory extends AbstractJdbcTableFactory {

    public static final String IDENTIFIER = "flinkx-jdbc";

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    protected JdbcDialect dialect(String url) {
        requireUrlPrefix(url, "jdbc:");
        return JdbcDialects.forUrl(url);
    }
}
