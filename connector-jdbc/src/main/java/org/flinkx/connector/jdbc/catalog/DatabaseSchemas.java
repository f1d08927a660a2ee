package org.flinkx.connector.jdbc.catalog;

import java.io.Serializable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.apache.flink.annotation.Internal;

/**
 * What a catalog asks one kind of database: its databases, their tables, a table's columns and key,
 * read from {@code information_schema}; and how a catalog table's name becomes the connector's
 * {@code table-name}.
 */
@Internal
public interface DatabaseSchemas extends Serializable {

    /** The types of this database. */
    TypeMapping types();

    /**
     * Whether a database's tables are read over a connection to that database (PostgreSQL), rather
     * than over any connection to the server (MySQL, MariaDB).
     */
    boolean connectsPerDatabase();

    /** The database a connection to the server alone uses when the URL names none. */
    String serverDatabase();

    /** The user databases of the server, sorted (system databases left out). */
    List<String> databases(Connection connection) throws SQLException;

    /** The tables and views of a database, sorted, as the catalog names them. */
    List<String> tables(Connection connection, String database) throws SQLException;

    /** A table's columns and primary key, or empty when there is no such table. */
    Optional<DatabaseTable> table(Connection connection, String database, String table)
            throws SQLException;

    /**
     * The table as the connector's {@code table-name} names it, over the URL of its database: every
     * part quoted, so that any name works.
     */
    String tableName(String database, String table);

    /** The table's name in statements over a connection to its database (quoted). */
    String qualifiedName(String database, String table);

    /** Double-quotes one part of a name for {@code table-name}, as TableNames reads it. */
    static String quotedPart(String part) {
        return '"' + part.replace("\"", "\"\"") + '"';
    }
}
