package org.flinkx.connector.jdbc.source.enumerator;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.logical.RowType;
import org.flinkx.connector.jdbc.converter.JdbcTypes;
import org.flinkx.connector.jdbc.dialect.TableNames;

/**
 * Finds the key a table without {@code scan.partition.column} is read and resumed by, asked from
 * the database's metadata: its primary key when that is one column, else a one-column unique index
 * on a NOT NULL column, else its primary key of several columns when the leading one is an integer.
 * Every column must be one of the declared columns and of a type that can hold an offset. A
 * one-column key is split on that column; a key of several columns is split on its leading column
 * and resumed by the whole key. Without a key the table is a single split that starts over after a
 * failure.
 */
final class ResumeColumns {

    private ResumeColumns() {}

    /**
     * The resume key of {@code table} (as configured, possibly {@code schema.table}): the declared
     * names of its columns in key order, one column or several (the leading one an integer), empty
     * when the table has none.
     */
    static List<String> find(Connection connection, String table, RowType declared)
            throws SQLException {
        DatabaseMetaData metadata = connection.getMetaData();
        for (TableRef ref : candidates(connection, metadata, table)) {
            List<String> key = primaryKey(metadata, ref);
            if (key.size() == 1) {
                return usable(key.get(0), declared).map(List::of).orElse(List.of());
            }
            Optional<String> unique = uniqueNotNull(metadata, ref, declared);
            if (unique.isPresent()) {
                return List.of(unique.get());
            }
            if (!key.isEmpty()) {
                return composite(key, declared);
            }
            if (tableExists(metadata, ref)) {
                return List.of();
            }
        }
        return List.of();
    }

    /**
     * The declared names of a primary key of several columns when every one can hold an offset and
     * the leading one is an integer (the splits are cut on it), else none.
     */
    private static List<String> composite(List<String> key, RowType declared) {
        List<String> columns = new ArrayList<>();
        for (String column : key) {
            Optional<String> name = usable(column, declared);
            if (name.isEmpty()) {
                return List.of();
            }
            columns.add(name.get());
        }
        LogicalTypeRoot leading =
                declared.getTypeAt(declared.getFieldIndex(columns.get(0))).getTypeRoot();
        boolean integer =
                leading == LogicalTypeRoot.TINYINT
                        || leading == LogicalTypeRoot.SMALLINT
                        || leading == LogicalTypeRoot.INTEGER
                        || leading == LogicalTypeRoot.BIGINT;
        return integer && new HashSet<>(columns).size() == columns.size()
                ? List.copyOf(columns)
                : List.of();
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
