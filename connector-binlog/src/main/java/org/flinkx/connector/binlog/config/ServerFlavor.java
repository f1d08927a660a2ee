package org.flinkx.connector.binlog.config;

import org.apache.flink.annotation.Internal;

/**
 * The server kind, which decides the Debezium connector: MariaDB's GTIDs and binlog differ from
 * MySQL's, and Debezium's MySQL connector does not resume correctly against MariaDB.
 */
@Internal
public enum ServerFlavor {
    MARIADB("io.debezium.connector.mariadb.MariaDbConnector", "jdbc:mariadb"),
    MYSQL("io.debezium.connector.mysql.MySqlConnector", "jdbc:mysql");

    private final String connectorClass;
    private final String jdbcPrefix;

    ServerFlavor(String connectorClass, String jdbcPrefix) {
        this.connectorClass = connectorClass;
        this.jdbcPrefix = jdbcPrefix;
    }

    public String connectorClass() {
        return connectorClass;
    }

    public String jdbcPrefix() {
        return jdbcPrefix;
    }
}
