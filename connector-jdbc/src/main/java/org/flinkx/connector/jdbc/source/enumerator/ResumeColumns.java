package org.flinkx.connector.jdbc.source.enumerator;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.table.types.logical.RowType;
import org.flinkx.connector.jdbc.converter.JdbcTypes;
import org.flinkx.connector.jdbc.dialect.TableNames;

/**
 * Finds the column a table without {@code scan.partition.column} is read and resumed by: its
 * primary key when that is one column, else a one-column unique index on a NOT NULL column, asked
 * from the database's metadata. The column must be one of the declared columns and of a type that
 * can hold an offset. Without one the table is a single split that starts over after a failure.
 */
final class ResumeColumns {

    private ResumeColumns() {}

    /** The resume column of {@code table} (as configured, possibly {@code schema.table}). */
    static Optional<String> find(Connection connection, String table, RowType declared)
            throws SQLException {
        DatabaseMetaData metadata = connection.getMetaData();
        for (TableRef ref : candidates(connection, metadata, table)) {
            List<String> key = primaryKey(metadata, ref);
            if (!key.isEmpty()) {
                return key.size() == 1
                        ? usable(key.get(0), declared)
                        : uniqueNotNull(metadata, ref, declared);
            }
            Optional<String> unique = uniqueNotNull(metadata, ref, declared);
            if (unique.isPresent() || tableExists(metadata, ref)) {
                return unique;
            }
        }
        return Optional.empty();
    }

    /** A table as the metadata API names it. */
    private record TableRef(String catalog, String schema, String name) {}

    /**
     * The ways {@code table} may be addressed: {@code table} in the connection's current schema,
     * {@code schema.table} on databases with schemas, {@code database.table} on MySQL and MariaDB
     * (where the database is the JDBC catalog), each as written and in the case the database stores
     * unquoted names in.
     */
    private static List<TableRef> candidates(
            Connection connection, DatabaseMetaData metadata, String table) throws SQLException {
        List<String> parts = TableNames.parts(table);
        String prefix = parts.size() < 2 ? null : parts.get(parts.size() - 2);
        String name = parts.get(parts.size() - 1);
        String catalog = connection.getCatalog();
        String schema = connection.getSchema();
        List<TableRef> refs = new ArrayList<>();
        for (String variant : caseVariants(metadata, name)) {
            if (prefix == null) {
                refs.add(new TableRef(catalog, schema, variant));
            } else {
                for (String prefixVariant : caseVariants(metadata, prefix)) {
                    refs.add(new TableRef(catalog, prefixVariant, variant));
                    refs.add(new TableRef(prefixVariant, null, variant));
                }
            }
        }
        return refs;
    }

    private static Set<String> caseVariants(DatabaseMetaData metadata, String name)
            throws SQLException {
        Set<String> variants = new TreeSet<>();
        variants.add(name);
        if (metadata.storesLowerCaseIdentifiers()) {
            variants.add(name.toLowerCase(Locale.ROOT));
        }
        if (metadata.storesUpperCaseIdentifiers()) {
            variants.add(name.toUpperCase(Locale.ROOT));
        }
        return variants;
    }

    private static List<String> primaryKey(DatabaseMetaData metadata, TableRef ref)
            throws SQLException {
        Map<Integer, String> bySequence = new java.util.TreeMap<>();
        try (ResultSet rs = metadata.getPrimaryKeys(ref.catalog(), ref.schema(), ref.name())) {
            while (rs.next()) {
                bySequence.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
            }
        }
        return new ArrayList<>(bySequence.values());
    }

    private static Optional<String> uniqueNotNull(
            DatabaseMetaData metadata, TableRef ref, RowType declared) throws SQLException {
        Map<String, List<String>> indexes = new LinkedHashMap<>();
        try (ResultSet rs =
                metadata.getIndexInfo(ref.catalog(), ref.schema(), ref.name(), true, true)) {
            while (rs.next()) {
                String index = rs.getString("INDEX_NAME");
                String column = rs.getString("COLUMN_NAME");
                if (index != null && column != null && !rs.getBoolean("NON_UNIQUE")) {
                    indexes.computeIfAbsent(index, k -> new ArrayList<>()).add(column);
                }
            }
        }
        for (List<String> columns : indexes.values()) {
            if (columns.size() == 1 && notNull(metadata, ref, columns.get(0))) {
                Optional<String> column = usable(columns.get(0), declared);
                if (column.isPresent()) {
                    return column;
                }
            }
        }
        return Optional.empty();
    }

    private static boolean notNull(DatabaseMetaData metadata, TableRef ref, String column)
            throws SQLException {
        try (ResultSet rs = metadata.getColumns(ref.catalog(), ref.schema(), ref.name(), column)) {
            return rs.next() && rs.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls;
        }
    }

    private static boolean tableExists(DatabaseMetaData metadata, TableRef ref)
            throws SQLException {
        try (ResultSet rs = metadata.getTables(ref.catalog(), ref.schema(), ref.name(), null)) {
            return rs.next();
        }
    }

    /** The declared column of that name (exactly, else as the database matches unquoted names). */
    private static Optional<String> usable(String column, RowType declared) {
        RowType.RowField match = null;
        for (RowType.RowField field : declared.getFields()) {
            if (field.getName().equals(column)) {
                match = field;
                break;
            }
            if (match == null && field.getName().equalsIgnoreCase(column)) {
                match = field;
            }
        }
        return match != null && JdbcTypes.canHoldOffset(match.getType())
                ? Optional.of(match.getName())
                : Optional.empty();
    }
}
