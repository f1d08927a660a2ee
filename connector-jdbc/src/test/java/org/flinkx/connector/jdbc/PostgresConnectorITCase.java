package org.flinkx.connector.jdbc;

import org.flinkx.connector.jdbc.testutils.DatabaseServer;
import org.flinkx.connector.jdbc.testutils.PostgresServer;

/** {@link JdbcConnectorITCase} against a real PostgreSQL 15 server. */
class PostgresConnectorITCase extends JdbcConnectorITCase {

    @Override
    protected DatabaseServer server() {
        return PostgresServer.get();
    }

    @Override
    protected String identifier() {
        return "flinkx-postgresql";
    }

    @Override
    protected String timestampType() {
        return "TIMESTAMP(3)";
    }

    @Override
    protected String textType() {
        return "TEXT";
    }
}
