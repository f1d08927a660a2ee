package org.flinkx.connector.binlog.source;

/** Quoting of MySQL/MariaDB identifiers in the snapshot's generated SQL. */
final class SnapshotSql {

    static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    static String quote(String database, String table) {
        return quote(database) + "." + quote(table);
    }

    private SnapshotSql() {}
}
