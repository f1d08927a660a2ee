package org.flinkx.connector.binlog.source.enumerator;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.annotation.Nullable;
import org.flinkx.connector.binlog.client.BinlogConnections;
import org.flinkx.connector.binlog.client.SnapshotSql;
import org.flinkx.connector.binlog.config.BinlogConfig;
import org.flinkx.connector.binlog.source.split.BinlogPosition;
import org.flinkx.connector.common.split.ChunkKeyQueries;
import org.flinkx.connector.common.split.ChunkPlanner;
import org.flinkx.connector.common.split.KeyRange;

/**
 * The enumerator's side of a chunked snapshot: lists the captured tables with their chunking key (a
 * one-column integer primary key, or a primary key of several columns led by an integer column, cut
 * on that column) and finds chunk boundaries with the split kit's {@link ChunkPlanner}, so chunks
 * hold about {@code chunk-size} rows however sparse the keys are. Used from the enumerator's worker
 * thread only (its queries never run on the coordinator thread). Tables are matched like Debezium
 * matches {@code table.include.list}: the option's regular expressions split by Debezium's own
 * splitter (commas; Flink's list separator ';' works too), the whole {@code database.table} against
 * each, ignoring case.
 */
final class SnapshotPlanner implements AutoCloseable {

    private static final Set<String> INTEGER_TYPES =
            Set.of("tinyint", "smallint", "mediumint", "int", "bigint");

    /**
     * Types of further key columns whose order Java reproduces exactly (see {@code SnapshotKeys}):
     * such a key's whole value can bound a chunk's emitted part. Strings (collations), floating
     * point, TIME, binary, ENUM and the rest cannot.
     */
    private static final Set<String> ORDERED_TYPES =
            Set.of(
                    "tinyint",
                    "smallint",
                    "mediumint",
                    "int",
                    "bigint",
                    "decimal",
                    "date",
                    "datetime",
                    "timestamp");

    private static final Set<String> SYSTEM_DATABASES =
            Set.of("mysql", "information_schema", "performance_schema", "sys");

    private final BinlogConfig config;
    private final BinlogConnections connections;
    private final Map<CapturedTable, ChunkPlanner<BigInteger>> chunkers = new HashMap<>();
    private Connection connection;

    SnapshotPlanner(BinlogConfig config, BinlogConnections connections) {
        this.config = config;
        this.connections = connections;
    }

    private Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = connections.connect();
        }
        return connection;
    }

    /** The captured tables, ordered by name. */
    List<CapturedTable> capturedTables() throws SQLException {
        List<Pattern> include = patterns(config.tables());
        List<Pattern> exclude = patterns(config.excludedTables());
        List<CapturedTable> tables = new ArrayList<>();
        try (Statement s = connection().createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES "
                                        + "WHERE TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_SCHEMA, TABLE_NAME")) {
            while (rs.next()) {
                String database = rs.getString(1);
                String table = rs.getString(2);
                String name = database + "." + table;
                if (!SYSTEM_DATABASES.contains(database.toLowerCase())
                        && include.stream().anyMatch(p -> p.matcher(name).matches())
                        && exclude.stream().noneMatch(p -> p.matcher(name).matches())) {
                    tables.add(new CapturedTable(database, table, null));
                }
            }
        }
        List<CapturedTable> withKeys = new ArrayList<>(tables.size());
        for (CapturedTable table : tables) {
            withKeys.add(withKey(table));
        }
        return withKeys;
    }

    /**
     * The table with its chunking key: its primary key when that is one integer column, or several
     * columns of which the leading one is an integer (read in groups of one leading value when a
     * further column has a type whose order Java does not reproduce); else none.
     */
    private CapturedTable withKey(CapturedTable table) throws SQLException {
        List<String> columns = new ArrayList<>();
        List<String> types = new ArrayList<>();
        try (PreparedStatement s =
                connection()
                        .prepareStatement(
                                "SELECT k.COLUMN_NAME, c.DATA_TYPE "
                                        + "FROM information_schema.KEY_COLUMN_USAGE k "
                                        + "JOIN information_schema.COLUMNS c ON c.TABLE_SCHEMA = k.TABLE_SCHEMA "
                                        + "AND c.TABLE_NAME = k.TABLE_NAME AND c.COLUMN_NAME = k.COLUMN_NAME "
                                        + "WHERE k.TABLE_SCHEMA = ? AND k.TABLE_NAME = ? "
                                        + "AND k.CONSTRAINT_NAME = 'PRIMARY' ORDER BY k.ORDINAL_POSITION")) {
            s.setString(1, table.database());
            s.setString(2, table.table());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                    types.add(rs.getString(2).toLowerCase(Locale.ROOT));
                }
            }
        }
        if (columns.isEmpty() || !INTEGER_TYPES.contains(types.get(0))) {
            return new CapturedTable(table.database(), table.table(), null);
        }
        boolean ordered = ORDERED_TYPES.containsAll(types.subList(1, types.size()));
        return new CapturedTable(table.database(), table.table(), columns, !ordered);
    }

    /** The binlog position now: where the binlog stream of a chunked snapshot starts. */
    BinlogPosition currentPosition() throws SQLException {
        try (Statement s = connection().createStatement();
                ResultSet rs = s.executeQuery("SHOW MASTER STATUS")) {
            if (!rs.next()) {
                throw new SQLException(
                        config.hostname()
                                + ":"
                                + config.port()
                                + " has no binlog: start it with log-bin, binlog_format=ROW and a server-id.");
            }
            return new BinlogPosition(rs.getString(1), rs.getLong(2));
        }
    }

    /**
     * The exclusive upper bound of the chunk starting at {@code lo} (inclusive, null: the first
     * row), from the split kit's {@link ChunkPlanner}: about {@code chunkSize} rows further, by
     * value on a dense key, else the key {@code chunkSize} rows on; null when fewer rows remain
     * (the last chunk is unbounded, so rows inserted later with greater keys belong to it).
     */
    @Nullable
    BigInteger chunkEnd(CapturedTable table, @Nullable BigInteger lo, int chunkSize)
            throws SQLException {
        ChunkPlanner<BigInteger> chunker =
                chunkers.computeIfAbsent(
                        table, t -> ChunkPlanner.ofChunkRows(new TableKeys(t), chunkSize));
        BigInteger hi = chunker.upperBound(lo);
        if (hi == null) {
            chunkers.remove(table);
        }
        return hi;
    }

    /** The chunk planner's queries on the leading (integer) column of one table's primary key. */
    private final class TableKeys implements ChunkKeyQueries<BigInteger> {
        private final String key;
        private final String from;

        TableKeys(CapturedTable table) {
            this.key = SnapshotSql.quote(table.keyColumn());
            this.from = " FROM " + SnapshotSql.quote(table.database(), table.table());
        }

        @Nullable
        @Override
        public KeyRange<BigInteger> range() throws SQLException {
            String sql = "SELECT MIN(" + key + "), MAX(" + key + "), COUNT(" + key + ")" + from;
            try (Statement s = connection().createStatement();
                    ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                BigDecimal min = rs.getBigDecimal(1);
                return min == null
                        ? null
                        : new KeyRange<>(
                                min.toBigIntegerExact(),
                                rs.getBigDecimal(2).toBigIntegerExact(),
                                rs.getLong(3));
            }
        }

        @Nullable
        @Override
        public BigInteger keyAfter(@Nullable BigInteger lo, long rows) throws SQLException {
            String where = lo == null ? "" : " WHERE " + key + " >= ?";
            return single(
                    "SELECT " + key + from + where + " ORDER BY " + key + " LIMIT 1 OFFSET " + rows,
                    lo);
        }

        @Nullable
        @Override
        public BigInteger keyAbove(BigInteger value) throws SQLException {
            return single("SELECT MIN(" + key + ")" + from + " WHERE " + key + " > ?", value);
        }

        @Nullable
        private BigInteger single(String sql, @Nullable BigInteger param) throws SQLException {
            try (PreparedStatement s = connection().prepareStatement(sql)) {
                if (param != null) {
                    s.setBigDecimal(1, new BigDecimal(param));
                }
                try (ResultSet rs = s.executeQuery()) {
                    BigDecimal value = rs.next() ? rs.getBigDecimal(1) : null;
                    return value == null ? null : value.toBigIntegerExact();
                }
            }
        }
    }

    /**
     * Split and compiled as Debezium does with its include/exclude lists (commas, ignoring case).
     */
    static List<Pattern> patterns(List<String> regexes) {
        return List.copyOf(
                io.debezium.util.Strings.listOfRegex(
                        String.join(",", regexes), Pattern.CASE_INSENSITIVE));
    }

    @Override
    public void close() throws SQLException {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }
}
