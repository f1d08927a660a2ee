package org.flinkx.connector.jdbc.source.reader;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.StringJoiner;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.flinkx.connector.common.error.DirtyDataHandler;
import org.flinkx.connector.common.error.SqlErrors;
import org.flinkx.connector.common.ratelimit.Throttle;
import org.flinkx.connector.jdbc.bulk.BulkReader;
import org.flinkx.connector.jdbc.config.JdbcReadConfig;
import org.flinkx.connector.jdbc.converter.JdbcRowConverter;
import org.flinkx.connector.jdbc.dialect.JdbcDialect;
import org.flinkx.connector.jdbc.internal.JdbcConnections;
import org.flinkx.connector.jdbc.source.split.JdbcSourceSplit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the assigned splits one after another on the fetcher thread, with one streaming result set
 * open at a time and a connection kept per shard. Each fetch hands over at most {@code fetch-size}
 * rows, so memory stays bounded whatever the table size.
 */
final class JdbcSplitReader implements SplitReader<JdbcRecord, JdbcSourceSplit> {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcSplitReader.class);

    private final JdbcReadConfig config;
    private final JdbcDialect dialect;
    private final JdbcRowConverter converter;
    private final Throttle throttle;
    private final DirtyDataHandler dirty;
    private final int selected;
    private final int arity;
    private final Queue<JdbcSourceSplit> splits = new ArrayDeque<>();
    private final Map<Integer, Connection> connections = new HashMap<>();

    private JdbcSourceSplit current;
    private boolean nullsPhase;
    private PreparedStatement statement;
    private ResultSet resultSet;
    private SplitQuery query;

    /** The Flink types of the current query's offset columns, in order. */
    private List<LogicalType> offsetTypes = List.of();

    /** The database's bulk read path, or null. */
    private final BulkReader bulkReader;

    /** Per shard and table: whether the bulk path parses every column. */
    private final Map<String, Boolean> bulkSupported = new HashMap<>();

    /** The current split's bulk read, or null when it reads a result set. */
    private BulkReader.BulkRows bulkRows;

    JdbcSplitReader(JdbcReadConfig config, JdbcDialect dialect, DirtyDataHandler dirty) {
        this.config = config;
        this.dialect = dialect;
        this.dirty = dirty;
        this.converter = new JdbcRowConverter(config.selectedType(), dialect);
        this.throttle = Throttle.of(config.rateLimit());
        this.selected = config.selectedFields().size();
        this.arity = selected + config.metadataKeys().size();
        this.bulkReader =
                config.bulkRead() && config.limit() <= 0 ? dialect.bulkReader().orElse(null) : null;
    }

    @Override
    public RecordsWithSplitIds<JdbcRecord> fetch() throws IOException {
        RecordsBySplits.Builder<JdbcRecord> batch = new RecordsBySplits.Builder<>();
        try {
            if (current == null && !openNext()) {
                return batch.build();
            }
            String splitId = current.splitId();
            int rows = 0;
            while (rows < config.fetchSize()) {
                JdbcRecord record;
                if (bulkRows != null) {
                    BulkReader.BulkRow next = bulkRows.next();
                    record = next == null ? null : bulkRecord(next);
                } else {
                    record = resultSet.next() ? readRow() : null;
                }
                if (record == null) {
                    closeResult();
                    if (nullsPhase) {
                        nullsPhase = false;
                        execute();
                        continue;
                    }
                    batch.addFinishedSplit(splitId);
                    finishSplit();
                    break;
                }
                if (throttle != null) {
                    throttle.acquire(1, record.size());
                }
                batch.add(splitId, record);
                rows++;
            }
        } catch (SQLException e) {
            String message = "Reading " + describe(current) + " failed: " + SqlErrors.message(e);
            SqlErrors.throwIfUnrecoverable(message, e);
            throw new IOException(message, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while throttled", e);
        }
        return batch.build();
    }

    private boolean openNext() throws SQLException {
        current = splits.poll();
        if (current == null) {
            return false;
        }
        LOG.info("Reading {}", current);
        nullsPhase = current.includeNulls() && !current.nullsDone() && current.offset() == null;
        execute();
        return true;
    }

    private void execute() throws SQLException {
        Connection connection = connection(current.shard());
        if (bulkReader != null && openBulk(connection)) {
            return;
        }
        query = SplitQuery.build(config, dialect, current, nullsPhase);
        offsetTypes = offsetTypes(query);
        statement =
                connection.prepareStatement(
                        query.sql(), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        dialect.configureStreamingRead(connection, statement, config.fetchSize());
        if (config.limit() > 0) {
            statement.setMaxRows((int) Math.min(Integer.MAX_VALUE, config.limit()));
        }
        for (int i = 0; i < query.params().size(); i++) {
            JdbcRowConverter.bindOffset(statement, i + 1, query.params().get(i), dialect);
        }
        resultSet = statement.executeQuery();
        converter.prepareFor(resultSet);
    }

    /**
     * Starts the split's bulk read when its values can be written as literals and the server
     * describes every column as a type the bulk parser reads; false: read a result set instead.
     */
    private boolean openBulk(Connection connection) throws SQLException {
        SplitQuery inlined;
        try {
            inlined =
                    SplitQuery.buildInlined(
                            config, dialect, current, nullsPhase, bulkReader::literal);
        } catch (IllegalArgumentException e) {
            LOG.debug("Reading {} with a result set: {}", current, e.getMessage());
            return false;
        }
        RowType types = config.rowTypeOf(inlined.columns());
        String key = current.shard() + "/" + current.table();
        Boolean supported = bulkSupported.get(key);
        if (supported == null) {
            supported = bulkReader.supports(connection, inlined.sql(), types);
            bulkSupported.put(key, supported);
            LOG.info(
                    "{} {} with the bulk path",
                    supported ? "Reading" : "Not reading",
                    describe(current));
        }
        if (!supported) {
            return false;
        }
        query = inlined;
        offsetTypes = offsetTypes(query);
        bulkRows = bulkReader.open(connection, query.sql(), types);
        return true;
    }

    /** The types of the offset columns the query returns (none in the NULL phase). */
    private List<LogicalType> offsetTypes(SplitQuery splitQuery) {
        List<LogicalType> types = new ArrayList<>();
        for (int index : splitQuery.offsetIndexes()) {
            types.add(config.typeOf(splitQuery.columns().get(index - 1)));
        }
        return List.copyOf(types);
    }

    /**
     * The offset of a row from its offset columns' values ({@code value(i)} of the i-th): the value
     * for one column, the list of them for a key of several, null when the query is unordered.
     */
    private static Object offsetOf(int columns, OffsetValue value) throws SQLException {
        if (columns == 0) {
            return null;
        }
        if (columns == 1) {
            return value.get(0);
        }
        Object[] key = new Object[columns];
        for (int i = 0; i < columns; i++) {
            key[i] = value.get(i);
        }
        return Collections.unmodifiableList(Arrays.asList(key));
    }

    /** The offset value of the i-th offset column of a row. */
    @FunctionalInterface
    private interface OffsetValue {
        Object get(int i) throws SQLException;
    }

    /**
     * A bulk-read row, parsed when emitted (on the task thread, while this thread reads on). The
     * split's values are captured now: the reader may be at another split by then.
     */
    private JdbcRecord bulkRecord(BulkReader.BulkRow bulkRow) {
        JdbcSourceSplit split = current;
        List<Integer> offsetIndexes = query.offsetIndexes();
        List<LogicalType> types = offsetTypes;
        return JdbcRecord.deferred(
                bulkRow.size(),
                () -> {
                    GenericRowData row = new GenericRowData(arity);
                    RuntimeException failure = null;
                    try {
                        for (int i = 0; i < selected; i++) {
                            row.setField(i, bulkRow.field(i));
                        }
                    } catch (RuntimeException e) {
                        failure = e;
                    }
                    Object offset;
                    try {
                        offset =
                                offsetOf(
                                        types.size(),
                                        i ->
                                                JdbcRowConverter.offsetOf(
                                                        bulkRow.field(offsetIndexes.get(i) - 1),
                                                        types.get(i)));
                    } catch (SQLException | RuntimeException e) {
                        throw new IOException(
                                "The read offset of a row of "
                                        + describe(split)
                                        + " cannot be parsed: "
                                        + e.getMessage(),
                                e);
                    }
                    if (failure != null) {
                        dirty.handle(describe(split), bulkRow.raw(), "conversion-error", failure);
                        return new JdbcRecord(null, offset, 0);
                    }
                    addMetadata(row, split);
                    dirty.recordsProcessed(1);
                    return new JdbcRecord(row, offset, bulkRow.size());
                });
    }

    private void addMetadata(GenericRowData row, JdbcSourceSplit split) {
        for (int i = 0; i < config.metadataKeys().size(); i++) {
            String value =
                    JdbcReadConfig.metadataValue(
                            config.metadataKeys().get(i), split.database(), split.table());
            row.setField(selected + i, value == null ? null : StringData.fromString(value));
        }
    }

    private JdbcRecord readRow() throws SQLException, IOException {
        GenericRowData row = new GenericRowData(arity);
        long size = 0;
        Exception failure = null;
        try {
            size = converter.read(resultSet, row);
        } catch (SQLException | RuntimeException e) {
            failure = e;
        }
        // Read after the row's columns: left to right, as portable JDBC code reads a result set.
        List<Integer> offsetIndexes = query.offsetIndexes();
        Object offset =
                offsetOf(
                        offsetIndexes.size(),
                        i ->
                                JdbcRowConverter.readOffset(
                                        resultSet,
                                        offsetIndexes.get(i),
                                        offsetTypes.get(i),
                                        dialect));
        if (failure != null) {
            dirty.handle(describe(current), rawRow(), "conversion-error", failure);
            return new JdbcRecord(null, offset, 0);
        }
        addMetadata(row, current);
        dirty.recordsProcessed(1);
        return new JdbcRecord(row, offset, size);
    }

    private String rawRow() {
        StringJoiner joiner = new StringJoiner(", ", "[", "]");
        for (int i = 1; i <= selected; i++) {
            try {
                joiner.add(String.valueOf(resultSet.getString(i)));
            } catch (SQLException e) {
                joiner.add("<unreadable>");
            }
        }
        return joiner.toString();
    }

    private Connection connection(int shard) throws SQLException {
        Connection connection = connections.get(shard);
        if (connection == null || connection.isClosed()) {
            connection = JdbcConnections.openForRead(config.shard(shard), dialect);
            connections.put(shard, connection);
        }
        return connection;
    }

    private void closeResult() throws SQLException {
        if (bulkRows != null) {
            BulkReader.BulkRows rows = bulkRows;
            bulkRows = null;
            rows.close();
        }
        if (resultSet != null) {
            resultSet.close();
            resultSet = null;
        }
        if (statement != null) {
            statement.close();
            statement = null;
        }
    }

    private void finishSplit() throws SQLException {
        Connection connection = connections.get(current.shard());
        if (connection != null && !connection.getAutoCommit()) {
            connection.commit(); // ends the read transaction of a streaming PostgreSQL cursor
        }
        current = null;
    }

    private String describe(JdbcSourceSplit split) {
        if (split == null) {
            return "a JDBC split";
        }
        String table = split.table() == null ? "the custom query" : split.table();
        return table
                + " at "
                + config.shard(split.shard()).safeUrl()
                + " (split "
                + split.splitId()
                + ")";
    }

    @Override
    public void handleSplitsChanges(SplitsChange<JdbcSourceSplit> change) {
        if (!(change instanceof SplitsAddition)) {
            throw new UnsupportedOperationException(
                    "Unsupported split change " + change.getClass().getSimpleName());
        }
        splits.addAll(change.splits());
    }

    @Override
    public void wakeUp() {
        // fetch() returns after at most fetch-size rows; nothing to interrupt.
    }

    @Override
    public void close() throws Exception {
        try {
            closeResult();
        } finally {
            connections.values().forEach(JdbcConnections::closeQuietly);
            connections.clear();
        }
    }
}
