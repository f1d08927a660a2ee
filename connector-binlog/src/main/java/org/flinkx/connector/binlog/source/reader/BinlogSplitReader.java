package org.flinkx.connector.binlog.source.reader;

import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import org.apache.kafka.connect.source.SourceRecord;
import org.flinkx.connector.binlog.client.BinlogConnections;
import org.flinkx.connector.binlog.config.BinlogConfig;
import org.flinkx.connector.binlog.debezium.BinlogPositions;
import org.flinkx.connector.binlog.debezium.DebeziumProperties;
import org.flinkx.connector.binlog.debezium.FlinkxSchemaHistory;
import org.flinkx.connector.binlog.source.split.BinlogPosition;
import org.flinkx.connector.binlog.source.split.BinlogSourceSplit;
import org.flinkx.connector.binlog.source.split.BinlogSplit;
import org.flinkx.connector.binlog.source.split.SnapshotSplit;
import org.flinkx.connector.common.error.SqlErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the splits a reader is given, one after another: snapshot chunks through a {@link
 * SnapshotReader} (a batch of rows per fetch), then the binlog split through Debezium's embedded
 * engine, whose change events it hands to the task. The engine thread puts events into a bounded
 * queue (so a slow job slows the binlog reading down); each fetch takes what is there. The engine
 * starts from the split's offset and schema history, or from the startup mode's position on a fresh
 * start.
 */
final class BinlogSplitReader implements SplitReader<FetchedRecord, BinlogSourceSplit> {

    private static final Logger LOG = LoggerFactory.getLogger(BinlogSplitReader.class);
    private static final int QUEUE_CAPACITY = 4096;
    private static final int MAX_BATCH = 1024;

    private final BinlogConfig config;
    private final String historyInstance;
    private final int serverId;
    private final BlockingQueue<FetchedRecord> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private ExecutorService executor;
    private DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
    private volatile boolean stopped;
    private final Deque<SnapshotSplit> snapshotSplits = new ArrayDeque<>();
    private SnapshotReader snapshotReader;
    private SnapshotSplit reading;

    BinlogSplitReader(BinlogConfig config, String historyInstance, int serverId) {
        this.config = config;
        this.historyInstance = historyInstance;
        this.serverId = serverId;
    }

    @Override
    public RecordsWithSplitIds<FetchedRecord> fetch() throws IOException {
        Throwable error = failure.get();
        if (error != null) {
            String message =
                    "Reading the binlog of " + config.describe() + " failed: " + error.getMessage();
            SqlErrors.throwIfUnrecoverable(message, error);
            throw new IOException(message, error);
        }
        RecordsBySplits.Builder<FetchedRecord> records = new RecordsBySplits.Builder<>();
        if (reading != null || !snapshotSplits.isEmpty()) {
            try {
                readSnapshot(records);
            } catch (SQLException e) {
                String message =
                        "Reading the snapshot chunk "
                                + reading.splitId()
                                + " of "
                                + config.describe()
                                + " failed: "
                                + e.getMessage();
                SqlErrors.throwIfUnrecoverable(message, e);
                throw new IOException(message, e);
            }
            return records.build();
        }
        if (engine == null) {
            return records.build();
        }
        try {
            FetchedRecord first = queue.poll(200, TimeUnit.MILLISECONDS);
            if (first != null) {
                List<FetchedRecord> batch = new ArrayList<>();
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                records.addAll(BinlogSplit.ID, batch);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return records.build();
    }

    private void readSnapshot(RecordsBySplits.Builder<FetchedRecord> records) throws SQLException {
        if (reading == null) {
            reading = snapshotSplits.poll();
            if (snapshotReader == null) {
                snapshotReader = new SnapshotReader(config, new BinlogConnections(config));
            }
            BinlogPosition position = snapshotReader.open(reading);
            records.add(
                    reading.splitId(),
                    new FetchedRecord.ChunkStart(position, snapshotReader.readAtMillis()));
        }
        List<FetchedRecord> rows = snapshotReader.next(MAX_BATCH);
        if (rows.isEmpty()) {
            records.addFinishedSplit(reading.splitId());
            reading = null;
        } else {
            records.addAll(reading.splitId(), rows);
        }
    }

    @Override
    public void handleSplitsChanges(SplitsChange<BinlogSourceSplit> change) {
        if (!(change instanceof SplitsAddition)) {
            throw new UnsupportedOperationException("Unsupported split change " + change);
        }
        for (BinlogSourceSplit split : change.splits()) {
            if (split instanceof SnapshotSplit snapshot) {
                snapshotSplits.add(snapshot);
                continue;
            }
            try {
                closeSnapshotReader();
                start((BinlogSplit) split);
            } catch (SQLException e) {
                failure.set(e);
            }
        }
    }

    private void closeSnapshotReader() throws SQLException {
        if (snapshotReader != null) {
            snapshotReader.close();
            snapshotReader = null;
        }
    }

    private void start(BinlogSplit split) throws SQLException {
        if (engine != null) {
            throw new IllegalStateException("The binlog split was assigned twice");
        }
        BinlogConnections connections = new BinlogConnections(config);
        BinlogPositions positions = new BinlogPositions(config, connections);
        String offset = split.offset();
        if (offset != null) {
            positions.checkAvailable(BinlogPositions.fromJson(offset));
        } else {
            offset = positions.startOffset(); // checks the position it computes
        }
        FlinkxSchemaHistory.register(historyInstance, split.schemaHistory());
        Properties properties =
                DebeziumProperties.of(
                        config,
                        connections.flavor(),
                        DebeziumProperties.engineName(historyInstance),
                        historyInstance,
                        serverId,
                        offset,
                        !split.schemaHistory().isEmpty(),
                        positions.sessionTimeZone());
        LOG.info(
                "Starting to read the binlog of {} from {} (snapshot mode {})",
                config.describe(),
                offset == null ? config.startupMode() : offset,
                properties.getProperty("snapshot.mode"));
        engine =
                DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                        .using(properties)
                        .using(getClass().getClassLoader())
                        .notifying(
                                (records, committer) -> {
                                    long now = System.currentTimeMillis();
                                    for (RecordChangeEvent<SourceRecord> event : records) {
                                        FetchedRecord fetched =
                                                new FetchedRecord.Change(event.record(), now);
                                        while (!stopped
                                                && !queue.offer(
                                                        fetched, 100, TimeUnit.MILLISECONDS)) {
                                            // back pressure
                                        }
                                        committer.markProcessed(event);
                                    }
                                    committer.markBatchFinished();
                                })
                        .using(
                                (success, message, error) -> {
                                    if (!success && !stopped) {
                                        failure.set(
                                                error != null
                                                        ? error
                                                        : new IllegalStateException(message));
                                    }
                                })
                        .build();
        executor =
                Executors.newSingleThreadExecutor(
                        r -> {
                            Thread t = new Thread(r, "flinkx-binlog-engine");
                            t.setDaemon(true);
                            return t;
                        });
        executor.execute(engine);
    }

    @Override
    public void wakeUp() {}

    @Override
    public void close() throws Exception {
        stopped = true;
        try {
            closeSnapshotReader();
        } catch (SQLException e) {
            LOG.debug("Closing the snapshot connection failed", e);
        }
        try {
            if (engine != null) {
                engine.close();
            }
        } catch (IllegalStateException alreadyStopped) {
            // The engine stopped by itself after a failure, which the task reports already; another
            // exception here would only hide it among the suppressed ones.
            LOG.debug("The Debezium engine had stopped already", alreadyStopped);
        } finally {
            if (executor != null) {
                executor.shutdown();
                executor.awaitTermination(30, TimeUnit.SECONDS);
            }
            FlinkxSchemaHistory.unregister(historyInstance);
        }
    }
}
