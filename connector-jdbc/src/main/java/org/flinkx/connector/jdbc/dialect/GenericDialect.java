package org.flinkx.connector.jdbc.dialect;

import java.util.List;
import java.util.Optional;
import org.apache.flink.annotation.PublicEvolving;

/**
 * Any JDBC database: ANSI double-quoted identifiers, no upsert statement (the writer updates, then
 * inserts the rows no update touched), no XA unless a subclass adds it.
 */
@PublicEvolving
public class GenericDialect implements JdbcDialect {

    private static final long serialVersionUID = 1L;

    @Override
    public String name() {
        return "jdbc";
    }

    @Override
    public boolean acceptsUrl(String url) {
        return url.startsWith("jdbc:");
    }

    @Override
    public String defaultDriverClass() {
        return null;
    }

    @Override
    public String quoteIdentifier(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    @Override
    public Optional<String> upsertStatement(
            String table, List<String> columns, List<String> keys, int rows) {
        return Optional.empty();
    }
}
