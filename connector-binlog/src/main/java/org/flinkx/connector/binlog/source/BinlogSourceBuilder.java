package org.flinkx.connector.binlog.source;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.RowType;
import org.flinkx.connector.binlog.config.BinlogConfig;
import org.flinkx.connector.binlog.config.BinlogMetadata;
import org.flinkx.connector.binlog.config.BinlogOptions;
import org.flinkx.connector.binlog.config.ServerFlavor;
import org.flinkx.connector.binlog.config.StartupMode;
import org.flinkx.connector.common.options.DirtyDataConfig;
import org.flinkx.connector.common.options.ErrorLimit;
import org.flinkx.connector.common.options.RateLimit;

/**
 * Builds a {@link BinlogSource} for the DataStream API:
 *
 * <pre>{@code
 * BinlogSource source = BinlogSource.builder()
 *         .hostname("maria.example.com").port(3306)
 *         .username("cdc").password("...")
 *         .tables("shop\\.orders")
 *         .rowType(rowType)
 *         .startupMode(StartupMode.INITIAL)
 *         .build();
 * }</pre>
 */
@PublicEvolving
public final class BinlogSourceBuilder {

    private ServerFlavor flavor;
    private String hostname;
    private int port = 3306;
    private String username;
    private String password = "";
    private final List<String> tables = new ArrayList<>();
    private final List<String> excludedTables = new ArrayList<>();
    private RowType rowType;
    private final List<String> metadata = new ArrayList<>();
    private StartupMode startupMode = StartupMode.INITIAL;
    private String startupFile;
    private long startupPosition;
    private String startupGtid;
    private long startupTimestampMillis;
    private Integer serverId;
    private final Map<String, String> debeziumProperties = new HashMap<>();
    private final Map<String, String> jdbcProperties = new java.util.HashMap<>();
    private ErrorLimit errorLimit = ErrorLimit.FAIL_ON_FIRST;
    private DirtyDataConfig dirtyData = DirtyDataConfig.LOG;
    private RateLimit rateLimit = RateLimit.UNLIMITED;
    private boolean snapshotChunked = BinlogOptions.SNAPSHOT_CHUNKED.defaultValue();
    private int snapshotChunkSize = BinlogOptions.SNAPSHOT_CHUNK_SIZE.defaultValue();

    BinlogSourceBuilder() {}

    /** MariaDB or MySQL; unset asks the server. */
    public BinlogSourceBuilder serverFlavor(ServerFlavor flavor) {
        this.flavor = flavor;
        return this;
    }

    public BinlogSourceBuilder hostname(String hostname) {
        this.hostname = hostname;
        return this;
    }

    public BinlogSourceBuilder port(int port) {
        this.port = port;
        return this;
    }

    public BinlogSourceBuilder username(String username) {
        this.username = username;
        return this;
    }

    public BinlogSourceBuilder password(String password) {
        this.password = password;
        return this;
    }

    /** Captured tables as regular expressions of {@code database.table}. */
    public BinlogSourceBuilder tables(String... patterns) {
        this.tables.addAll(List.of(patterns));
        return this;
    }

    public BinlogSourceBuilder excludedTables(String... patterns) {
        this.excludedTables.addAll(List.of(patterns));
        return this;
    }

    /** The columns to emit, matched by name in every captured table. */
    public BinlogSourceBuilder rowType(RowType rowType) {
        this.rowType = rowType;
        return this;
    }

    /** Metadata columns appended after the row's columns, in this order. */
    public BinlogSourceBuilder metadata(BinlogMetadata... columns) {
        for (BinlogMetadata column : columns) {
            this.metadata.add(column.key());
        }
        return this;
    }

    public BinlogSourceBuilder startupMode(StartupMode mode) {
        this.startupMode = mode;
        return this;
    }

    public BinlogSourceBuilder startupSpecificOffset(String file, long position) {
        this.startupMode = StartupMode.SPECIFIC_OFFSET;
        this.startupFile = file;
        this.startupPosition = position;
        return this;
    }

    public BinlogSourceBuilder startupGtid(String gtidSet) {
        this.startupMode = StartupMode.GTID;
        this.startupGtid = gtidSet;
        return this;
    }

    public BinlogSourceBuilder startupTimestamp(long epochMillis) {
        this.startupMode = StartupMode.TIMESTAMP;
        this.startupTimestampMillis = epochMillis;
        return this;
    }

    public BinlogSourceBuilder serverId(int serverId) {
        this.serverId = serverId;
        return this;
    }

    /**
     * A property of FlinkX's own JDBC connections (snapshot chunks, binlog positions), e.g. {@code
     * sslMode} = {@code verify-full}; Debezium's binlog connection takes {@code database.ssl.*}
     * Debezium properties.
     */
    public BinlogSourceBuilder jdbcProperty(String key, String value) {
        this.jdbcProperties.put(key, value);
        return this;
    }

    /** A further Debezium property, e.g. {@code heartbeat.interval.ms}. */
    public BinlogSourceBuilder debeziumProperty(String key, String value) {
        this.debeziumProperties.put(key, value);
        return this;
    }

    public BinlogSourceBuilder errorLimit(ErrorLimit errorLimit) {
        this.errorLimit = errorLimit;
        return this;
    }

    public BinlogSourceBuilder dirtyData(DirtyDataConfig dirtyData) {
        this.dirtyData = dirtyData;
        return this;
    }

    /** Upper bound on the rows emitted per second (and their estimated bytes). */
    public BinlogSourceBuilder rateLimit(RateLimit rateLimit) {
        this.rateLimit = rateLimit;
        return this;
    }

    /**
     * Whether an 'initial' snapshot is read in chunks of {@code chunkSize} rows, in parallel and
     * lock-free (MariaDB; default true, 8192).
     */
    public BinlogSourceBuilder snapshotChunks(boolean chunked, int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException(
                    "The snapshot chunk size must be positive: " + chunkSize);
        }
        this.snapshotChunked = chunked;
        this.snapshotChunkSize = chunkSize;
        return this;
    }

    public BinlogSource build() {
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(rowType, "rowType");
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("At least one table pattern is needed.");
        }
        if (startupMode == StartupMode.SPECIFIC_OFFSET && startupFile == null) {
            throw new IllegalArgumentException(
                    "Startup mode specific-offset needs a binlog file and position.");
        }
        if (startupMode == StartupMode.GTID && startupGtid == null) {
            throw new IllegalArgumentException("Startup mode gtid needs a GTID set.");
        }
        BinlogConfig config =
                new BinlogConfig(
                        "flinkx-binlog",
                        flavor,
                        hostname,
                        port,
                        username,
                        password,
                        List.copyOf(tables),
                        List.copyOf(excludedTables),
                        rowType,
                        List.copyOf(metadata),
                        startupMode,
                        startupFile,
                        startupPosition,
                        startupGtid,
                        startupTimestampMillis,
                        serverId,
                        Map.copyOf(debeziumProperties),
                        errorLimit,
                        dirtyData,
                        rateLimit,
                        snapshotChunked,
                        snapshotChunkSize,
                        Map.copyOf(jdbcProperties),
                        Map.of());
        return new BinlogSource(config, InternalTypeInfo.of(BinlogSource.producedRowType(config)));
    }
}
