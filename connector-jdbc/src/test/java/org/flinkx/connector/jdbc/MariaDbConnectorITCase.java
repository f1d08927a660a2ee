package org.flinkx.connector.jdbc;

import org.flinkx.connector.jdbc.testutils.DatabaseServer;
import org.flinkx.connector.jdbc.testutils.MariaDbServer;

/** {@link JdbcConnectorITCase} against a real MariaDB 11.4 server. */
class MariaDbConnectorITCase extends JdbcConnectorITCase {

    @Override
    protected DatabaseServer server() {
        return MariaDbServer.get();
    }

    @Override
    protected String identifier() {
        return "flinkx-mariadb";
    }

    @Override
    protected String timestampType() {
        return "DATETIME(3)";
    }

    @Override
    protected String slowStatement() {
        return "DO SLEEP(1)";
    }

    @Override
    protected String textType() {
        return "TEXT";
    }

    @Override
    protected java.util.OptionalLong bulkStatementsRun() throws java.sql.SQLException {
        return java.util.OptionalLong.of(
                Long.parseLong(rows("SHOW GLOBAL STATUS LIKE 'Com_load'").get(0).get(1)));
    }

    @Override
    protected java.util.OptionalLong insertStatementsRun() throws java.sql.SQLException {
        return java.util.OptionalLong.of(
                Long.parseLong(rows("SHOW GLOBAL STATUS LIKE 'Com_insert'").get(0).get(1)));
    }

    @Override
    protected String quoted(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    @Override
    protected String timestampText(String column) {
        return "DATE_FORMAT(" + column + ", '%Y-%m-%d %H:%i:%s.%f')";
    }
}
