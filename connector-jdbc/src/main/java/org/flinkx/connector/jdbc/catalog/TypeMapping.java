package org.flinkx.connector.jdbc.catalog;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.LogicalType;

/**
 * How one kind of database's column types and Flink's types map onto each other: the catalog gives
 * each table Flink types by {@link #toFlink}, and {@code CREATE TABLE} in the catalog (CTAS) writes
 * database types by {@link #toDatabase}. docs/catalogs.md has the tables.
 */
@Internal
public interface TypeMapping {

    /**
     * The Flink type (without nullability) of a column; fails naming table, column and type when
     * there is none.
     */
    DataType toFlink(String table, DatabaseColumn column);

    /**
     * The database's type of a column of this Flink type. {@code stringKeyColumns} is, for a column
     * of the primary key, how many of the key's columns are unbounded strings (databases that
     * cannot index unbounded text share the key's length among them), else 0.
     */
    String toDatabase(String column, LogicalType type, int stringKeyColumns);

    /** The failure of a database type that has no Flink type. */
    static ValidationException unsupported(String table, DatabaseColumn column, String database) {
        return new ValidationException(
                String.format(
                        "Column '%s' of table '%s' has the %s type '%s', which has no Flink type "
                                + "here (docs/catalogs.md lists the mapped types). Declare the table "
                                + "with DDL and a 'scan.query' that casts the column, or leave it "
                                + "out.",
                        column.name(), table, database, column.columnType()));
    }

    /** The failure of a Flink type that has no database type. */
    static ValidationException unsupported(String column, LogicalType type, String database) {
        return new ValidationException(
                String.format(
                        "Column '%s' has the type %s, which has no %s column type here "
                                + "(docs/catalogs.md lists the mapped types).",
                        column, type.asSummaryString(), database));
    }
}
