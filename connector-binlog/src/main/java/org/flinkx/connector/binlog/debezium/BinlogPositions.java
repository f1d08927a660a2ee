package org.flinkx.connector.binlog.debezium;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.annotation.Internal;
import org.apache.kafka.connect.json.JsonConverter;
import org.flinkx.connector.binlog.client.BinlogConnections;
import org.flinkx.connector.binlog.config.BinlogConfig;
import org.flinkx.connector.binlog.config.ServerFlavor;
import org.flinkx.connector.binlog.config.StartupMode;
import org.flinkx.connector.binlog.source.split.BinlogPosition;
import org.flinkx.connector.common.error.UnrecoverableException;

/**
 * Binlog positions on the server: the binlog files it still has, the start offset of the startup
 * modes that begin at a given position, and the check that a position to resume from still exists.
 * Offsets are Debezium's source offsets (as JSON: what the binlog split keeps and the engine starts
 * from), with the GTID position Debezium's MariaDB connector needs.
 */
@Internal
public final class BinlogPositions {

    private final BinlogConfig config;
    private final BinlogConnections connections;

    public BinlogPositions(BinlogConfig config, BinlogConnections connections) {
        this.config = config;
        this.connections = connections;
    }

    private Connection connect() throws SQLException {
        return connections.connect();
    }

    private ServerFlavor flavor() throws SQLException {
        return connections.flavor();
    }

    /** The binlog files the server still has, oldest first. */
    List<String> binlogFiles() throws SQLException {
        List<String> files = new ArrayList<>();
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW BINARY LOGS")) {
            while (rs.next()) {
                files.add(rs.getString(1));
            }
        }
        if (files.isEmpty()) {
            throw new SQLException(
                    config.hostname()
                            + ":"
                            + config.port()
                            + " has no binlog: start it with log-bin, binlog_format=ROW and a server-id.");
        }
        return files;
    }

    /**
     * The offset (Debezium's source offset, as JSON) a fresh split starts from, or null when the
     * startup mode lets Debezium decide (initial: after its snapshot; latest: the current end).
     */
    public String startOffset() throws SQLException {
        StartupMode mode = config.startupMode();
        Map<String, Object> offset = new LinkedHashMap<>();
        switch (mode) {
            case INITIAL:
            case LATEST:
                return null;
            case EARLIEST:
                offset.put("file", binlogFiles().get(0));
                offset.put("pos", 4L);
                break;
            case TIMESTAMP:
                offset.put("file", fileBefore(config.startupTimestampMillis()));
                offset.put("pos", 4L);
                break;
            case SPECIFIC_OFFSET:
                offset.put("file", config.startupFile());
                offset.put("pos", config.startupPosition());
                break;
            case GTID:
                offset.put("file", binlogFiles().get(0));
                offset.put("pos", 4L);
                offset.put("gtids", config.startupGtid());
                break;
            default:
                throw new IllegalStateException("Unknown startup mode " + mode);
        }
        return checkedOffset(offset);
    }

    /** The offset (JSON) of a binlog position, checked to be still on the server. */
    public String offsetAt(BinlogPosition position) throws SQLException {
        Map<String, Object> offset = new LinkedHashMap<>();
        offset.put("file", position.file());
        offset.put("pos", position.pos());
        return checkedOffset(offset);
    }

    private String checkedOffset(Map<String, Object> offset) throws SQLException {
        checkAvailable(offset);
        if (!offset.containsKey("gtids") && flavor() == ServerFlavor.MARIADB) {
            // Debezium's MariaDB connector positions by GTID: the GTID position at file:pos
            offset.put(
                    "gtids", gtidPosition(offset.get("file").toString(), (Long) offset.get("pos")));
        }
        return toJson(offset);
    }

    /**
     * The session time zone for Debezium's snapshot connections. Debezium reads snapshot TIMESTAMP
     * values as the session's wall time in this JVM's zone, so the session must use the JVM's zone:
     * by name when the server has time zone tables, else as its current UTC offset (exact for zones
     * without daylight saving time; for others a WARN says what to do). Binlog values are instants
     * and need none of this.
     */
    public String sessionTimeZone() throws SQLException {
        java.time.ZoneId zone = java.time.ZoneId.systemDefault();
        try (Connection c = connect();
                java.sql.PreparedStatement s =
                        c.prepareStatement(
                                "SELECT CONVERT_TZ('2000-01-01 00:00:00', '+00:00', ?)")) {
            s.setString(1, zone.getId());
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next() && rs.getString(1) != null) {
                    return zone.getId();
                }
            }
        }
        String offset = zone.getRules().getOffset(java.time.Instant.now()).getId();
        offset = offset.equals("Z") ? "+00:00" : offset;
        if (!zone.getRules().isFixedOffset() && !zone.getRules().getTransitions().isEmpty()) {
            org.slf4j.LoggerFactory.getLogger(BinlogPositions.class)
                    .warn(
                            "{}:{} has no time zone tables, so snapshot reads use the offset {} of this JVM's zone {}: "
                                    + "TIMESTAMP values from a period with another offset (daylight saving time) "
                                    + "would be shifted. Load the time zone tables (mariadb-tzinfo-to-sql) or run "
                                    + "Flink with -Duser.timezone=UTC.",
                            config.hostname(),
                            config.port(),
                            offset,
                            zone.getId());
        }
        return offset;
    }

    /**
     * The binlog file a 'timestamp' start reads from: the last file created before the start's
     * second (every earlier file was closed before it, so holds no change at or after it), found by
     * a binary search over the files' creation times; the oldest file if none is older.
     */
    String fileBefore(long timestampMillis) throws SQLException {
        List<String> files = binlogFiles();
        long startSecond = Math.floorDiv(timestampMillis, 1000);
        int found = 0;
        int lo = 0;
        int hi = files.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (createdSecond(files.get(mid)) < startSecond) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return files.get(found);
    }

    /**
     * When a binlog file was created: the time of its first event (its format description), read
     * over the replication protocol as a replica with a random id.
     */
    private long createdSecond(String file) throws SQLException {
        com.github.shyiko.mysql.binlog.BinaryLogClient client =
                new com.github.shyiko.mysql.binlog.BinaryLogClient(
                        config.hostname(),
                        config.port(),
                        config.username(),
                        config.password() == null ? "" : config.password());
        client.setServerId(
                100_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(1_000_000));
        client.setBinlogFilename(file);
        client.setBinlogPosition(4);
        client.setKeepAlive(false);
        String sslMode = config.debeziumProperties().get("database.ssl.mode");
        if (sslMode != null) {
            client.setSSLMode(
                    com.github.shyiko.mysql.binlog.network.SSLMode.valueOf(
                            sslMode.toUpperCase(java.util.Locale.ROOT)));
        }
        if (flavor() == ServerFlavor.MARIADB) {
            client.setMariaDbSlaveCapability(4);
        }
        java.util.concurrent.CompletableFuture<Long> created =
                new java.util.concurrent.CompletableFuture<>();
        client.registerEventListener(
                event -> {
                    long millis =
                            event.getHeader().getTimestamp(); // the rotate event before it has none
                    if (millis > 0) {
                        created.complete(millis / 1000);
                    }
                });
        try {
            client.connect(10_000);
            return created.get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new SQLException(
                    String.format(
                            "Cannot read when binlog file %s of %s:%d was created: %s",
                            file, config.hostname(), config.port(), e.getMessage()),
                    e);
        } finally {
            try {
                client.disconnect();
            } catch (java.io.IOException e) {
                // already gone
            }
        }
    }

    /** MariaDB's GTID position at a binlog position ({@code BINLOG_GTID_POS}). */
    String gtidPosition(String file, long pos) throws SQLException {
        try (Connection c = connect();
                java.sql.PreparedStatement s = c.prepareStatement("SELECT BINLOG_GTID_POS(?, ?)")) {
            s.setString(1, file);
            s.setLong(2, pos);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                String gtids = rs.getString(1);
                if (gtids == null) {
                    throw new SQLException(
                            String.format(
                                    "%s:%s is not a binlog position on %s:%d (BINLOG_GTID_POS returned NULL).",
                                    file, pos, config.hostname(), config.port()));
                }
                return gtids.isEmpty() ? beforeEveryGtid(c) : gtids;
            }
        }
    }

    /**
     * A GTID position before every transaction the server logged (an empty position is not one
     * Debezium accepts): sequence 0 in each replication domain of {@code gtid_binlog_state}.
     */
    private static String beforeEveryGtid(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT @@gtid_binlog_state, @@server_id")) {
            rs.next();
            String state = rs.getString(1);
            if (state == null || state.isBlank()) {
                return "0-" + rs.getLong(2) + "-0";
            }
            List<String> positions = new ArrayList<>();
            for (String gtid : state.split(",")) {
                String[] parts = gtid.trim().split("-");
                positions.add(parts[0] + "-" + parts[1] + "-0");
            }
            return String.join(",", positions);
        }
    }

    /** Fails with what to do when the file an offset points into has been purged. */
    public void checkAvailable(Map<String, ?> offset) throws SQLException {
        Object file = offset.get("file");
        if (file == null || Boolean.TRUE.equals(offset.get("snapshot"))) {
            return;
        }
        List<String> files = binlogFiles();
        if (!files.contains(file.toString())) {
            throw new PurgedPositionException(
                    String.format(
                            "The binlog position %s:%s that the source starts from is no longer on %s:%d: the "
                                    + "server purged that file (oldest binlog file now: %s). Changes after that "
                                    + "position are lost to this job. Start it again without its checkpoint or "
                                    + "savepoint, with 'scan.startup.mode' = 'initial' (a new snapshot) or "
                                    + "'earliest', and keep binlog files longer (expire_logs_days / "
                                    + "binlog_expire_logs_seconds) than a job may be stopped.",
                            file,
                            offset.get("pos"),
                            config.hostname(),
                            config.port(),
                            files.get(0)));
        }
    }

    public static String toJson(Map<String, ?> offset) {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "false"), false);
        return new String(converter.fromConnectData("", null, offset), StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> fromJson(String json) {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "false"), false);
        return (Map<String, Object>)
                converter.toConnectData("", json.getBytes(StandardCharsets.UTF_8)).value();
    }

    /**
     * The position a job can no longer resume from; no restart brings it back: the job fails at
     * once.
     */
    static final class PurgedPositionException extends UnrecoverableException {
        private static final long serialVersionUID = 1L;

        PurgedPositionException(String message) {
            super(message, null);
        }
    }
}
