package org.flinkx.connector.binlog.client;

import org.apache.flink.annotation.Internal;

/** Quoting of MySQL/MariaDB identifiers in the snapshot's generated SQL. */
@Internal
public final class SnapshotSql {

    public static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    public static String quote(String database, String table) {
        return quote(database) + "." + quote(table);
    }

    private SnapshotSql() {}
}
