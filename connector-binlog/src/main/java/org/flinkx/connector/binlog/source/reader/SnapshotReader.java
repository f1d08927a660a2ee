package org.flinkx.connector.binlog.source.reader;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.types.logical.RowType;
import org.flinkx.connector.binlog.client.BinlogConnections;
import org.flinkx.connector.binlog.client.SnapshotSql;
import org.flinkx.connector.binlog.config.BinlogConfig;
import org.flinkx.connector.binlog.config.BinlogMetadata;
import org.flinkx.connector.binlog.source.split.BinlogPosition;
import org.flinkx.connector.binlog.source.split.SnapshotSplit;
import org.flinkx.connector.common.convert.JdbcValueHooks;
import org.flinkx.connector.common.convert.JdbcValues;

/**
 * Reads snapshot chunks (the fetcher's side of a chunked snapshot). Each chunk is one read-only
 * transaction started {@code WITH CONSISTENT SNAPSHOT}; MariaDB's {@code binlog_snapshot_file} /
 * {@code binlog_snapshot_position} then give the binlog position the snapshot corresponds to, with
 * no lock. Rows stream in key order (the whole key, for a key of several columns); values are
 * converted by the declared column types with the shared JDBC value rules ({@link JdbcValues}) and
 * the session in UTC, so they equal what the binlog stream gives for the same rows (TIMESTAMP
 * columns as instants, DATETIME as wall time).
 */
final class SnapshotReader implements AutoCloseable {

    private static final int FETCH_SIZE = 1024;

    private final BinlogConfig config;
    private final BinlogConnections connections;
    private final List<BinlogMetadata> metadata;
    private final TableRows tableRows;
    private final Map<String, JdbcValues.Reader[]> tableReaders = new HashMap<>();
    private final Map<String, List<String>> tableColumns = new HashMap<>();
    private Connection connection;

    // the chunk being read
    private PreparedStatement statement;
    private ResultSet rows;
    private SnapshotSplit split;
    private RowType physical; // the columns read from the chunk's table
    private JdbcValues.Reader[] readers; // of those columns
    private int[] columns; // result column of each declared column
    private int[] keyColumns; // result column of each key column; empty: a whole-table chunk
    private WholeKeys.KeyValue[] keyValues; // how each key column's value is read (a whole key)
    private long readAtMillis;
    @Nullable private FetchedRecord.SnapshotRow ahead; // read, not handed over (leading groups)
    private boolean exhausted;

    SnapshotReader(BinlogConfig config, BinlogConnections connections) {
        this.config = config;
        this.connections = connections;
        this.metadata = config.metadata().stream().map(BinlogMetadata::of).toList();
        this.tableRows = new TableRows(config);
    }

    /**
     * The shared JDBC value rules in a session whose time zone is UTC: TIMESTAMP columns come as
     * UTC wall times (TIMESTAMP_LTZ is that wall time in UTC), DATETIME as stored; integers narrow
     * as the binlog stream's values do, so both give the same row.
     */
    private static final JdbcValueHooks SESSION_IN_UTC =
            new JdbcValueHooks() {
                private static final long serialVersionUID = 1L;

                @Override
                public Instant readInstant(ResultSet rs, int column) throws SQLException {
                    LocalDateTime wall = rs.getObject(column, LocalDateTime.class);
                    return wall == null ? null : wall.toInstant(ZoneOffset.UTC);
                }

                @Override
                public boolean narrowsIntegers() {
                    return true;
                }
            };

    private Connection connection() throws SQLException {
        if (connection == null) {
            // the binary protocol: numbers and times arrive as binary values, not text to parse
            connection = connections.connect(Map.of("useServerPrepStmts", "true"));
            try (Statement s = connection.createStatement()) {
                s.execute("SET SESSION time_zone = '+00:00'");
                s.execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            }
        }
        return connection;
    }

    /**
     * Begins reading the part of the chunk not emitted yet; returns the snapshot's binlog position.
     */
    BinlogPosition open(SnapshotSplit split) throws SQLException {
        this.split = split;
        Connection c = connection();
        List<String> available = tableColumns(split);
        List<String> select = new ArrayList<>();
        physical = tableRows.columns(split.database(), split.table());
        readers =
                tableReaders.computeIfAbsent(
                        split.database() + "." + split.table(),
                        name ->
                                physical.getChildren().stream()
                                        .map(type -> JdbcValues.reader(type, SESSION_IN_UTC))
                                        .toArray(JdbcValues.Reader[]::new));
        columns = new int[physical.getFieldCount()];
        for (int i = 0; i < columns.length; i++) {
            String declared = physical.getFieldNames().get(i);
            String actual = match(available, declared);
            if (actual == null) {
                throw BinlogRowConverter.missingColumn(declared, split.database(), split.table());
            }
            select.add(SnapshotSql.quote(actual));
            columns[i] = select.size();
        }
        List<String> key = split.keyColumns();
        keyColumns = new int[key.size()];
        for (int k = 0; k < keyColumns.length; k++) {
            select.add(SnapshotSql.quote(key.get(k)));
            keyColumns[k] = select.size();
        }
        StringBuilder sql =
                new StringBuilder("SELECT ")
                        .append(String.join(", ", select))
                        .append(" FROM ")
                        .append(SnapshotSql.quote(split.database(), split.table()));
        List<Object> bounds = new ArrayList<>();
        if (!key.isEmpty()) {
            List<String> conditions = new ArrayList<>();
            String leading = SnapshotSql.quote(key.get(0));
            List<Object> after = split.remainingAfter();
            BigInteger from = split.remainingFrom();
            if (after != null) {
                conditions.add(WholeKeys.after(key, after, bounds));
            } else if (from != null) {
                conditions.add(leading + " >= ?");
                bounds.add(from);
            }
            if (split.hi() != null) {
                conditions.add(leading + " < ?");
                bounds.add(split.hi());
            }
            if (!conditions.isEmpty()) {
                sql.append(" WHERE ").append(String.join(" AND ", conditions));
            }
            sql.append(" ORDER BY ")
                    .append(String.join(", ", key.stream().map(SnapshotSql::quote).toList()));
        }
        BinlogPosition position;
        try (Statement s = c.createStatement()) {
            s.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
            readAtMillis = System.currentTimeMillis();
            position = snapshotPosition(s);
        }
        statement =
                c.prepareStatement(
                        sql.toString(), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        statement.setFetchSize(FETCH_SIZE);
        for (int i = 0; i < bounds.size(); i++) {
            WholeKeys.bind(statement, i + 1, bounds.get(i));
        }
        rows = statement.executeQuery();
        ahead = null;
        exhausted = false;
        keyValues = new WholeKeys.KeyValue[keyColumns.length];
        if (keyColumns.length > 1 && !split.leadingValueGroups()) {
            ResultSetMetaData meta = rows.getMetaData();
            for (int k = 0; k < keyColumns.length; k++) {
                keyValues[k] =
                        WholeKeys.keyValue(
                                meta, keyColumns[k], split.database() + "." + split.table());
            }
        }
        return position;
    }

    long readAtMillis() {
        return readAtMillis;
    }

    private BinlogPosition snapshotPosition(Statement s) throws SQLException {
        String file = null;
        long pos = -1;
        try (ResultSet rs = s.executeQuery("SHOW STATUS LIKE 'binlog_snapshot_%'")) {
            while (rs.next()) {
                if ("binlog_snapshot_file".equalsIgnoreCase(rs.getString(1))) {
                    file = rs.getString(2);
                } else if ("binlog_snapshot_position".equalsIgnoreCase(rs.getString(1))) {
                    pos = Long.parseLong(rs.getString(2));
                }
            }
        }
        if (file == null || file.isEmpty() || pos < 0) {
            throw new SQLException(
                    config.hostname()
                            + ":"
                            + config.port()
                            + " has no binlog_snapshot_file/"
                            + "binlog_snapshot_position (not MariaDB, or the binlog is off): set "
                            + "'scan.snapshot.chunked' = 'false'.");
        }
        return new BinlogPosition(file, pos);
    }

    /**
     * Up to {@code max} rows of the chunk; an empty list at its end (the transaction is then
     * closed).
     */
    List<FetchedRecord> next(int max) throws SQLException {
        List<FetchedRecord> batch = new ArrayList<>(Math.min(max, FETCH_SIZE));
        if (split.leadingValueGroups()) {
            int count = 0;
            while (count < max) {
                FetchedRecord.SnapshotGroup group = nextGroup();
                if (group == null) {
                    break;
                }
                batch.add(group);
                count += group.rows().size();
            }
        } else {
            FetchedRecord.SnapshotRow row;
            while (batch.size() < max && (row = nextRow()) != null) {
                batch.add(row);
            }
        }
        if (batch.isEmpty()) {
            finishChunk();
        }
        return batch;
    }

    /**
     * Every row of the next leading key value (however many: a checkpoint must not fall between
     * them), or null at the end of the chunk.
     */
    @Nullable
    private FetchedRecord.SnapshotGroup nextGroup() throws SQLException {
        FetchedRecord.SnapshotRow first = ahead != null ? ahead : nextRow();
        ahead = null;
        if (first == null) {
            return null;
        }
        BigInteger leading = (BigInteger) first.key();
        List<FetchedRecord.SnapshotRow> rows = new ArrayList<>();
        rows.add(first);
        FetchedRecord.SnapshotRow next;
        while ((next = nextRow()) != null) {
            if (!leading.equals(next.key())) {
                ahead = next;
                break;
            }
            rows.add(next);
        }
        return new FetchedRecord.SnapshotGroup(leading, rows);
    }

    @Nullable
    private FetchedRecord.SnapshotRow nextRow() throws SQLException {
        if (exhausted || !rows.next()) {
            exhausted = true;
            return null;
        }
        Object key = key();
        try {
            return new FetchedRecord.SnapshotRow(row(), key, null, null);
        } catch (RuntimeException e) {
            return new FetchedRecord.SnapshotRow(
                    null,
                    key,
                    e,
                    split.database() + "." + split.table() + (key == null ? "" : " key " + key));
        }
    }

    /**
     * The current row's key: null (a whole-table chunk), the integer of a one-column key or the
     * leading value of a table read in leading-value groups, else the whole key.
     */
    @Nullable
    private Object key() throws SQLException {
        if (keyColumns.length == 0) {
            return null;
        }
        BigInteger leading = rows.getBigDecimal(keyColumns[0]).toBigIntegerExact();
        if (keyColumns.length == 1 || split.leadingValueGroups()) {
            return leading;
        }
        List<Object> whole = new ArrayList<>(keyColumns.length);
        whole.add(new BigDecimal(leading));
        for (int k = 1; k < keyColumns.length; k++) {
            Object value = keyValues[k].read(rows, keyColumns[k]);
            if (value == null) {
                throw new SQLException(
                        "A key value of "
                                + split.database()
                                + "."
                                + split.table()
                                + " reads as NULL (a zero date?): the chunk cannot record its progress");
            }
            whole.add(value);
        }
        return List.copyOf(whole);
    }

    private GenericRowData row() throws SQLException {
        GenericRowData row = new GenericRowData(columns.length + metadata.size());
        for (int i = 0; i < columns.length; i++) {
            try {
                row.setField(i, readers[i].read(rows, columns[i]));
            } catch (SQLException | RuntimeException e) {
                throw new IllegalArgumentException(
                        String.format(
                                "Column '%s' of %s.%s: cannot read it as %s: %s",
                                physical.getFieldNames().get(i),
                                split.database(),
                                split.table(),
                                physical.getTypeAt(i),
                                e.getMessage()),
                        e);
            }
        }
        for (int m = 0; m < metadata.size(); m++) {
            row.setField(
                    columns.length + m,
                    BinlogRowConverter.metadataValue(
                            metadata.get(m), split.database(), split.table(), readAtMillis));
        }
        return tableRows.wrap(split.database(), split.table(), row);
    }

    private List<String> tableColumns(SnapshotSplit split) throws SQLException {
        String name = split.database() + "." + split.table();
        List<String> known = tableColumns.get(name);
        if (known == null) {
            known = new ArrayList<>();
            try (Statement s = connection().createStatement();
                    ResultSet rs =
                            s.executeQuery(
                                    "SELECT * FROM "
                                            + SnapshotSql.quote(split.database(), split.table())
                                            + " WHERE 1 = 0")) {
                ResultSetMetaData meta = rs.getMetaData();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    known.add(meta.getColumnName(i));
                }
            }
            tableColumns.put(name, known);
        }
        return known;
    }

    /** The table's column of a declared name: exactly, else ignoring case (as the binlog rows). */
    @Nullable
    private static String match(List<String> available, String declared) {
        if (available.contains(declared)) {
            return declared;
        }
        return available.stream()
                .filter(c -> c.equalsIgnoreCase(declared))
                .findFirst()
                .orElse(null);
    }

    private void finishChunk() throws SQLException {
        try {
            if (rows != null) {
                rows.close();
            }
            if (statement != null) {
                statement.close();
            }
            try (Statement s = connection.createStatement()) {
                s.execute("COMMIT");
            }
        } finally {
            rows = null;
            statement = null;
            split = null;
            ahead = null;
        }
    }

    @Override
    public void close() throws SQLException {
        if (connection != null) {
            connection.close(); // an open chunk transaction is rolled back
            connection = null;
        }
    }
}
