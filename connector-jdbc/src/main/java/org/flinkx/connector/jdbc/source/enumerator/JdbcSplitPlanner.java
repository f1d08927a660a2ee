package org.flinkx.connector.jdbc.source.enumerator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.flinkx.connector.common.split.ChunkPlanner;
import org.flinkx.connector.common.split.KeyRange;
import org.flinkx.connector.jdbc.config.JdbcReadConfig;
import org.flinkx.connector.jdbc.config.PartitionStrategy;
import org.flinkx.connector.jdbc.converter.JdbcRowConverter;
import org.flinkx.connector.jdbc.dialect.JdbcDialect;
import org.flinkx.connector.jdbc.internal.JdbcConnections;
import org.flinkx.connector.jdbc.source.reader.SplitQuery;
import org.flinkx.connector.jdbc.source.split.JdbcSourceSplit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans splits. Runs in the enumerator's worker thread: it cuts each table (on each shard) into
 * range splits on the partition column with the split kit's {@link ChunkPlanner} and, for
 * incremental syncs, queries the current maximum of the increasing column, which becomes the
 * high-water mark.
 */
final class JdbcSplitPlanner {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcSplitPlanner.class);

    private final JdbcReadConfig config;
    private final JdbcDialect dialect;

    JdbcSplitPlanner(JdbcReadConfig config, JdbcDialect dialect) {
        this.config = config;
        this.dialect = dialect;
    }

    /** The initial splits of all tables; fills {@code highWaterMarks} for incremental syncs. */
    List<JdbcSourceSplit> planInitial(int parallelism, Map<String, Object> highWaterMarks)
            throws SQLException {
        int parts =
                config.partitionCount() > 0 ? config.partitionCount() : Math.max(1, parallelism);
        List<JdbcSourceSplit> splits = new ArrayList<>();
        for (int shard = 0; shard < config.shardCount(); shard++) {
            try (Connection connection = JdbcConnections.open(config.shard(shard), dialect)) {
                String database = connection.getCatalog();
                List<String> tables = config.tablesOrQuery();
                for (int t = 0; t < tables.size(); t++) {
                    String table = tables.get(t);
                    Object incrementalTo = null;
                    if (config.incrementalColumn() != null) {
                        incrementalTo = max(connection, table, config.incrementalColumn());
                        highWaterMarks.put(key(shard, table), incrementalTo);
                        if (incrementalTo == null) {
                            // Empty table: nothing to read now, polling starts from the start
                            // value.
                            highWaterMarks.put(key(shard, table), config.incrementalStart());
                            continue;
                        }
                    }
                    String prefix = shard + "-" + t + "-";
                    splits.addAll(
                            planTable(
                                    connection,
                                    prefix,
                                    shard,
                                    database,
                                    table,
                                    parts,
                                    incrementalTo));
                }
            }
        }
        return splits;
    }

    private List<JdbcSourceSplit> planTable(
            Connection connection,
            String idPrefix,
            int shard,
            String database,
            String table,
            int parts,
            Object incrementalTo)
            throws SQLException {
        String column = config.partitionColumn();
        List<String> offsetColumns = column == null ? List.of() : List.of(column);
        PartitionStrategy strategy = config.strategy();
        String incremental = config.incrementalColumn();
        Object incrementalFrom = config.incrementalStart();
        if (column == null && incremental == null) {
            // a key of several columns is cut on its leading (integer) column, read and resumed by
            // all of them
            offsetColumns = resumeKey(connection, table);
            column = offsetColumns.isEmpty() ? null : offsetColumns.get(0);
            if (column != null && !isIntegral(config.typeOf(column).getTypeRoot())) {
                strategy = PartitionStrategy.RANGE;
            }
        }
        List<JdbcSourceSplit> splits = new ArrayList<>();
        if (column == null) {
            splits.add(
                    new JdbcSourceSplit(
                            idPrefix + "0",
                            shard,
                            database,
                            table,
                            null,
                            null,
                            null,
                            0,
                            0,
                            false,
                            incremental,
                            incrementalFrom,
                            incrementalTo,
                            incremental,
                            null,
                            false));
            return splits;
        }
        if (strategy == PartitionStrategy.MOD) {
            for (int i = 0; i < parts; i++) {
                splits.add(
                        new JdbcSourceSplit(
                                idPrefix + i,
                                shard,
                                database,
                                table,
                                column,
                                null,
                                null,
                                parts,
                                i,
                                i == 0,
                                incremental,
                                incrementalFrom,
                                incrementalTo,
                                offsetColumns,
                                null,
                                false));
            }
            return splits;
        }
        List<Object> cuts = rangeCuts(connection, table, column, parts);
        Object lower = null;
        for (int i = 0; i <= cuts.size(); i++) {
            Object upper = i < cuts.size() ? cuts.get(i) : null;
            splits.add(
                    new JdbcSourceSplit(
                            idPrefix + i,
                            shard,
                            database,
                            table,
                            column,
                            lower,
                            upper,
                            0,
                            0,
                            i == 0,
                            incremental,
                            incrementalFrom,
                            incrementalTo,
                            offsetColumns,
                            null,
                            false));
            lower = upper;
        }
        return splits;
    }

    /**
     * The key a table without {@code scan.partition.column} is split and resumed by (see {@link
     * ResumeColumns}): one column, or several that are cut on the first and resumed by all; empty,
     * said in a WARN, when it has none: such a table is one split that starts over after a failure.
     */
    private List<String> resumeKey(Connection connection, String table) throws SQLException {
        String what = table == null ? "The query of 'scan.query'" : "Table " + table;
        List<String> key =
                table == null
                        ? List.of()
                        : ResumeColumns.find(connection, table, config.physicalType());
        if (key.size() == 1) {
            LOG.info(
                    "{} has no 'scan.partition.column': it is split and resumed by its key column {}",
                    what,
                    key.get(0));
        } else if (!key.isEmpty()) {
            LOG.info(
                    "{} has no 'scan.partition.column': it is split by the leading column {} of its "
                            + "key ({}) and resumed by the whole key",
                    what,
                    key.get(0),
                    String.join(", ", key));
        } else {
            LOG.warn(
                    "{} has no 'scan.partition.column', no single-column primary key or unique NOT NULL "
                            + "column and no primary key led by an integer column among the declared columns: "
                            + "it is read as one split that starts over after a failure, so an append target "
                            + "gets the rows read before the failure twice. Set 'scan.partition.column' to an "
                            + "ascending, unique, NOT NULL column to resume.",
                    what);
        }
        return key;
    }

    /**
     * The inner boundaries of the table's range splits, the first open below and the last open
     * above, so rows outside the measured range are read too: {@code parts} equal ranges between
     * {@code scan.partition.lower-bound} and {@code upper-bound} on a numeric column when either is
     * given (the other measured), else {@link ChunkPlanner}'s chunks of about equal rows.
     */
    private List<Object> rangeCuts(Connection connection, String table, String column, int parts)
            throws SQLException {
        if (parts <= 1) {
            return List.of();
        }
        JdbcChunkKeys keys = new JdbcChunkKeys(config, dialect, connection, table, column);
        LogicalTypeRoot root = config.typeOf(column).getTypeRoot();
        boolean numeric = isIntegral(root) || root == LogicalTypeRoot.DECIMAL;
        if (!numeric || (config.lowerBound() == null && config.upperBound() == null)) {
            return ChunkPlanner.cuts(keys, parts);
        }
        Object min = config.lowerBound();
        Object max = config.upperBound();
        if (min == null || max == null) {
            KeyRange<Object> range = keys.range();
            if (range == null) {
                return List.of();
            }
            min = min == null ? range.min() : min;
            max = max == null ? range.max() : max;
        }
        return ChunkPlanner.evenCuts(min, max, parts);
    }

    /** New splits for rows above the high-water marks, for a polling incremental sync. */
    List<JdbcSourceSplit> poll(long round, Map<String, Object> highWaterMarks) throws SQLException {
        List<JdbcSourceSplit> splits = new ArrayList<>();
        String column = config.incrementalColumn();
        for (int shard = 0; shard < config.shardCount(); shard++) {
            try (Connection connection = JdbcConnections.open(config.shard(shard), dialect)) {
                String database = connection.getCatalog();
                List<String> tables = config.tablesOrQuery();
                for (int t = 0; t < tables.size(); t++) {
                    String table = tables.get(t);
                    Object mark = highWaterMarks.get(key(shard, table));
                    Object newMax = max(connection, table, column);
                    if (newMax == null || (mark != null && compare(newMax, mark) <= 0)) {
                        continue;
                    }
                    splits.add(
                            new JdbcSourceSplit(
                                    "poll-" + round + "-" + shard + "-" + t,
                                    shard,
                                    database,
                                    table,
                                    null,
                                    null,
                                    null,
                                    0,
                                    0,
                                    false,
                                    column,
                                    mark,
                                    newMax,
                                    column,
                                    null,
                                    false));
                    highWaterMarks.put(key(shard, table), newMax);
                }
            }
        }
        return splits;
    }

    private Object max(Connection connection, String table, String column) throws SQLException {
        String sql =
                "SELECT MAX("
                        + dialect.quoteIdentifier(column)
                        + ") FROM "
                        + SplitQuery.from(config, dialect, table)
                        + whereClause();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bindFilter(statement);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return JdbcRowConverter.readOffset(rs, 1, config.typeOf(column), dialect);
            }
        }
    }

    private String whereClause() {
        List<String> conditions = new ArrayList<>();
        if (config.where() != null && !config.where().isBlank()) {
            conditions.add("(" + config.where() + ")");
        }
        if (config.filterSql() != null) {
            conditions.add(config.filterSql());
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private void bindFilter(PreparedStatement statement) throws SQLException {
        if (config.filterSql() != null) {
            for (int i = 0; i < config.filterParams().size(); i++) {
                JdbcRowConverter.bindOffset(
                        statement, i + 1, config.filterParams().get(i), dialect);
            }
        }
    }

    static String key(int shard, String table) {
        return shard + "/" + (table == null ? "" : table);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compare(Object a, Object b) {
        return ((Comparable) a).compareTo(b);
    }

    private static boolean isIntegral(LogicalTypeRoot root) {
        return root == LogicalTypeRoot.TINYINT
                || root == LogicalTypeRoot.SMALLINT
                || root == LogicalTypeRoot.INTEGER
                || root == LogicalTypeRoot.BIGINT;
    }
}
