package org.flinkx.connector.binlog.debezium;

import java.util.Properties;
import org.apache.flink.annotation.Internal;
import org.flinkx.connector.binlog.config.BinlogConfig;
import org.flinkx.connector.binlog.config.ServerFlavor;
import org.flinkx.connector.binlog.config.StartupMode;

/** The Debezium engine properties of one binlog reader. */
@Internal
public final class DebeziumProperties {

    /** The Debezium topic prefix: it names the offset partition ({@code {"server": prefix}}). */
    public static final String TOPIC_PREFIX = "flinkx";

    /** The name of the engine of the reader whose schema history is {@code historyInstance}. */
    public static String engineName(String historyInstance) {
        return "flinkx-binlog-" + historyInstance;
    }

    /**
     * @param offset the offset to start from (JSON), null to let the startup mode decide
     * @param hasHistory whether a schema history for that offset exists
     */
    public static Properties of(
            BinlogConfig config,
            ServerFlavor flavor,
            String engineName,
            String historyInstance,
            int serverId,
            String offset,
            boolean hasHistory,
            String sessionTimeZone) {
        Properties p = new Properties();
        p.setProperty("name", engineName);
        p.setProperty("connector.class", flavor.connectorClass());
        p.setProperty("database.hostname", config.hostname());
        p.setProperty("database.port", String.valueOf(config.port()));
        p.setProperty("database.user", config.username());
        p.setProperty("database.password", config.password() == null ? "" : config.password());
        p.setProperty("database.server.id", String.valueOf(serverId));
        // Debezium reads snapshot TIMESTAMP values as the session's wall time in this JVM's zone
        // (getTimestamp with the default Calendar): the session must be in the JVM's zone (see
        // BinlogPositions#sessionTimeZone), and the driver must not convert on top of that.
        if (flavor == ServerFlavor.MARIADB) {
            p.setProperty("database.timezone", "disable");
            p.setProperty("database.sessionVariables", "time_zone='" + sessionTimeZone + "'");
        } else {
            p.setProperty("database.connectionTimeZone", sessionTimeZone);
            p.setProperty("database.forceConnectionTimeZoneToSession", "true");
        }
        p.setProperty("topic.prefix", TOPIC_PREFIX);
        // Debezium's JMX metrics are named by topic.prefix, the same for every reader: a reader
        // whose engine had not shut down yet (a stop right after a start) held the names, and the
        // next engine in the JVM waited 60 s to register its own and failed to start. Each engine
        // gets its own names (offsets are keyed by topic.prefix alone, so resume is unchanged).
        p.setProperty("custom.metric.tags", "engine=" + engineName);
        p.setProperty("table.include.list", String.join(",", config.tables()));
        if (!config.excludedTables().isEmpty()) {
            p.setProperty("table.exclude.list", String.join(",", config.excludedTables()));
        }
        p.setProperty("include.schema.changes", "false");
        p.setProperty("tombstones.on.delete", "false");
        // moves the offset while the captured tables are idle, so a checkpoint never points into a
        // binlog file the server purged because only other tables changed for a long time
        p.setProperty("heartbeat.interval.ms", "30000");
        // Kafka record headers nobody reads here: building them per event costs throughput
        p.setProperty("extended.headers.enabled", "false");
        p.setProperty("decimal.handling.mode", "precise");
        p.setProperty(
                "bigint.unsigned.handling.mode", "precise"); // keys compared with snapshot chunks
        p.setProperty("binary.handling.mode", "bytes");
        p.setProperty("time.precision.mode", "adaptive_time_microseconds");
        p.setProperty("snapshot.locking.mode", "minimal");
        p.setProperty("offset.storage", FlinkxOffsetStore.class.getName());
        p.setProperty("offset.flush.interval.ms", "60000");
        p.setProperty(FlinkxOffsetStore.PARTITION, "{\"server\":\"" + TOPIC_PREFIX + "\"}");
        if (offset != null) {
            p.setProperty(FlinkxOffsetStore.OFFSET, offset);
        }
        p.setProperty("schema.history.internal", FlinkxSchemaHistory.class.getName());
        p.setProperty(FlinkxSchemaHistory.INSTANCE, historyInstance);
        // With a row per table, a job restored with more tables than its checkpoint's reads them
        // from the checkpoint's offset on (CatchUp): the history must hold the definitions of
        // tables that were not captured then, so it records every table's.
        p.setProperty(
                "schema.history.internal.store.only.captured.tables.ddl",
                String.valueOf(!config.rowPerTable()));
        String snapshotMode = snapshotMode(config.startupMode(), offset != null, hasHistory);
        p.setProperty("snapshot.mode", snapshotMode);
        if (snapshotMode.equals("recovery")) {
            // the history is built from the tables' current definitions for an earlier position
            // anyway: no global read lock for that (a chunked snapshot stays lock-free)
            p.setProperty("snapshot.locking.mode", "none");
        }
        config.debeziumProperties().forEach(p::setProperty);
        return p;
    }

    /**
     * The snapshot mode: with an offset and its history Debezium resumes from the offset (after a
     * completed snapshot it does not snapshot again); an offset computed from the startup mode has
     * no history yet, which 'recovery' builds from the tables' current definitions.
     */
    static String snapshotMode(StartupMode mode, boolean hasOffset, boolean hasHistory) {
        if (hasOffset && !hasHistory) {
            return "recovery";
        }
        return mode == StartupMode.INITIAL ? "initial" : "no_data";
    }

    private DebeziumProperties() {}
}
