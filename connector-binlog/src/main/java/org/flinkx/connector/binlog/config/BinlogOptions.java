package org.flinkx.connector.binlog.config;

import java.util.List;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * The options of {@code flinkx-binlog}. Names are part of the public interface: never rename one.
 */
@PublicEvolving
public final class BinlogOptions {

    public static final String DEBEZIUM_PREFIX = "debezium.";

    /**
     * Prefix of the properties of FlinkX's own JDBC connections (snapshot chunks, binlog
     * positions), passed to the MariaDB/MySQL driver, e.g. {@code 'jdbc.sslMode' = 'verify-full'}.
     */
    public static final String JDBC_PREFIX = "jdbc.";

    public static final ConfigOption<String> HOSTNAME =
            ConfigOptions.key("hostname")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Host of the MySQL or MariaDB server whose binlog is read.");

    public static final ConfigOption<Integer> PORT =
            ConfigOptions.key("port")
                    .intType()
                    .defaultValue(3306)
                    .withDescription("Port of the server.");

    public static final ConfigOption<String> USERNAME =
            ConfigOptions.key("username")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "User with the REPLICATION SLAVE, REPLICATION CLIENT (MariaDB: "
                                    + "BINLOG MONITOR) and SELECT privileges; RELOAD or LOCK TABLES only for Debezium's snapshot (MySQL, or "
                                    + "'scan.snapshot.chunked' = 'false').");

    public static final ConfigOption<String> PASSWORD =
            ConfigOptions.key("password")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Password of the user. Never logged.");

    public static final ConfigOption<ServerType> SERVER_TYPE =
            ConfigOptions.key("server-type")
                    .enumType(ServerType.class)
                    .defaultValue(ServerType.AUTO)
                    .withDescription(
                            "The server kind, which picks Debezium's connector (its MySQL connector does "
                                    + "not resume correctly against MariaDB). 'auto' asks the server (SELECT VERSION()).");

    public static final ConfigOption<List<String>> TABLES =
            ConfigOptions.key("tables")
                    .stringType()
                    .asList()
                    .noDefaultValue()
                    .withDescription(
                            "Captured tables as regular expressions of 'database.table', separated by "
                                    + "commas (a comma inside an expression is written '\\,', as in Debezium's include lists), "
                                    + "e.g. 'shop\\.orders,shop\\.order_items_[0-9]+'; matched ignoring case. The table's "
                                    + "columns are matched by name in every captured table. Required unless 'scan.rows' = 'per-table'.");

    public static final ConfigOption<RowsShape> ROWS =
            ConfigOptions.key("scan.rows")
                    .enumType(RowsShape.class)
                    .defaultValue(RowsShape.SHARED)
                    .withDescription(
                            "The shape of the emitted rows. 'per-table' serves tables of different "
                                    + "columns with one binlog reader (whole-database sync): each row sets only "
                                    + "the ROW column of its table.");

    public static final ConfigOption<List<String>> TABLES_EXCLUDE =
            ConfigOptions.key("tables.exclude")
                    .stringType()
                    .asList()
                    .noDefaultValue()
                    .withDescription(
                            "Tables left out, as regular expressions of 'database.table', separated like 'tables'.");

    public static final ConfigOption<StartupMode> STARTUP_MODE =
            ConfigOptions.key("scan.startup.mode")
                    .enumType(StartupMode.class)
                    .defaultValue(StartupMode.INITIAL)
                    .withDescription(
                            "Where a job started without a checkpoint or savepoint begins reading; a "
                                    + "restored job always resumes from its checkpointed position.");

    public static final ConfigOption<String> STARTUP_FILE =
            ConfigOptions.key("scan.startup.specific-offset.file")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Binlog file of 'specific-offset', e.g. 'mysql-bin.000003'.");

    public static final ConfigOption<Long> STARTUP_POSITION =
            ConfigOptions.key("scan.startup.specific-offset.pos")
                    .longType()
                    .noDefaultValue()
                    .withDescription(
                            "Position in that file of 'specific-offset' (the start of an event, e.g. "
                                    + "from SHOW MASTER STATUS).");

    public static final ConfigOption<String> STARTUP_GTID =
            ConfigOptions.key("scan.startup.gtid")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("GTID set of 'gtid': changes after it are read.");

    public static final ConfigOption<Long> STARTUP_TIMESTAMP =
            ConfigOptions.key("scan.startup.timestamp-millis")
                    .longType()
                    .noDefaultValue()
                    .withDescription("Epoch milliseconds of 'timestamp'.");

    public static final ConfigOption<Integer> SERVER_ID =
            ConfigOptions.key("server-id")
                    .intType()
                    .noDefaultValue()
                    .withDescription(
                            "Replica server id of the reader, unique among everything replicating from "
                                    + "the server. Default: a pseudo-random id in 5400-6399.");

    public static final ConfigOption<Boolean> SNAPSHOT_CHUNKED =
            ConfigOptions.key("scan.snapshot.chunked")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "Read the 'initial' snapshot in chunks of the primary key, spread over the "
                                    + "source's subtasks, without locks: on MariaDB each chunk is a consistent snapshot "
                                    + "(START TRANSACTION WITH CONSISTENT SNAPSHOT) with its exact binlog position, so "
                                    + "the binlog stream skips exactly the changes a chunk already holds. false, or a "
                                    + "MySQL server: Debezium's snapshot (one reader, a brief global read lock).");

    public static final ConfigOption<Integer> SNAPSHOT_CHUNK_SIZE =
            ConfigOptions.key("scan.snapshot.chunk-size")
                    .intType()
                    .defaultValue(8192)
                    .withDescription(
                            "Rows per snapshot chunk, for tables whose primary key is one integer column "
                                    + "or several columns led by an integer column (cut on that column; "
                                    + "other tables are read as one chunk each).");

    private BinlogOptions() {}
}
