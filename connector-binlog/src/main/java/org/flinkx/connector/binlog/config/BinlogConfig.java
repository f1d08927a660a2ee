package org.flinkx.connector.binlog.config;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.types.logical.RowType;
import org.flinkx.connector.common.options.DirtyDataConfig;
import org.flinkx.connector.common.options.ErrorLimit;
import org.flinkx.connector.common.options.RateLimit;

/**
 * Everything the binlog source needs, validated.
 *
 * @param flavor the server kind; null to ask the server
 * @param tables regular expressions of captured tables as {@code database.table}
 * @param excludedTables regular expressions of tables left out
 * @param physicalType the table's physical columns, matched by name in every captured table
 * @param metadata the metadata columns to append, in order (keys of {@link BinlogMetadata})
 * @param serverId the replica id the reader uses; unset picks one from the job's id
 * @param debeziumProperties further Debezium properties (after {@code debezium.})
 * @param jdbcProperties properties of FlinkX's own JDBC connections (after {@code jdbc.}), e.g. TLS
 * @param snapshotChunked read an 'initial' snapshot in chunks, in parallel, lock-free (MariaDB)
 * @param snapshotChunkSize rows per snapshot chunk
 * @param tableRows empty: every captured table's rows are {@code physicalType}; else each captured
 *     table ({@code database.table}, in this order) with its own columns, emitted as one nested row
 *     per table (see {@link TableRowTypes})
 */
@Internal
public record BinlogConfig(
        String connector,
        @Nullable ServerFlavor flavor,
        String hostname,
        int port,
        String username,
        String password,
        List<String> tables,
        List<String> excludedTables,
        RowType physicalType,
        List<String> metadata,
        StartupMode startupMode,
        @Nullable String startupFile,
        long startupPosition,
        @Nullable String startupGtid,
        long startupTimestampMillis,
        @Nullable Integer serverId,
        Map<String, String> debeziumProperties,
        ErrorLimit errorLimit,
        DirtyDataConfig dirtyData,
        RateLimit rateLimit,
        boolean snapshotChunked,
        int snapshotChunkSize,
        Map<String, String> jdbcProperties,
        Map<String, RowType> tableRows)
        implements Serializable {

    /** Whether each captured table has its own columns (a nested row per table). */
    public boolean rowPerTable() {
        return !tableRows.isEmpty();
    }

    public BinlogConfig withMetadata(List<String> metadataKeys) {
        return new BinlogConfig(
                connector,
                flavor,
                hostname,
                port,
                username,
                password,
                tables,
                excludedTables,
                physicalType,
                List.copyOf(metadataKeys),
                startupMode,
                startupFile,
                startupPosition,
                startupGtid,
                startupTimestampMillis,
                serverId,
                debeziumProperties,
                errorLimit,
                dirtyData,
                rateLimit,
                snapshotChunked,
                snapshotChunkSize,
                jdbcProperties,
                tableRows);
    }

    /** For messages and logs: never the password. */
    public String describe() {
        return hostname + ":" + port + " (tables " + tables + ")";
    }

    @Override
    public String toString() {
        return "BinlogConfig{"
                + describe()
                + ", user="
                + username
                + ", startup="
                + startupMode
                + "}";
    }
}
