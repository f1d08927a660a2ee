package org.flinkx.connector.jdbc.dialect;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.apache.flink.annotation.PublicEvolving;

/**
 * Finds the dialect for a URL among the dialects registered through {@link ServiceLoader} (the
 * bundled ones: PostgreSQL, MariaDB, MySQL), falling back to {@link GenericDialect}.
 */
@PublicEvolving
public final class JdbcDialects {

    public static JdbcDialect forUrl(String url) {
        for (JdbcDialect dialect : load()) {
            if (dialect.acceptsUrl(url)) {
                return dialect;
            }
        }
        return new GenericDialect();
    }

    private static List<JdbcDialect> load() {
        List<JdbcDialect> dialects = new ArrayList<>();
        ServiceLoader.load(JdbcDialect.class, JdbcDialects.class.getClassLoader())
                .forEach(dialects::add);
        return dialects;
    }

    private JdbcDialects() {}
}
