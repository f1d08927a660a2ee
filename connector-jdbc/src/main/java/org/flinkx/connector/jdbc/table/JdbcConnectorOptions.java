package org.flinkx.connector.jdbc.table;

import java.time.Duration;
import java.util.List;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.flinkx.connector.jdbc.config.PartitionStrategy;
import org.flinkx.connector.jdbc.config.WriteMode;

/**
 * Options of the {@code flinkx-mysql}, {@code flinkx-mariadb}, {@code flinkx-postgresql} and {@code
 * flinkx-jdbc} connectors.
 */
@PublicEvolving
public final class JdbcConnectorOptions {

    public static final String PROPERTIES_PREFIX = "properties.";

    public static final ConfigOption<String> URL =
            ConfigOptions.key("url")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("The JDBC URL of the database.");

    public static final ConfigOption<String> TABLE_NAME =
            ConfigOptions.key("table-name")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "The table, possibly qualified ('schema.table', 'database.table'). FlinkX "
                                    + "quotes each part, so write it as the database stores it (case "
                                    + "kept); a part containing '.', ',' or spaces is written quoted, "
                                    + "\"dot.ted\" or `dot.ted`, with the quote doubled inside. A source "
                                    + "accepts several tables with the same columns separated by commas "
                                    + "(a sharded read); a sink writes exactly one.");

    public static final ConfigOption<String> USERNAME =
            ConfigOptions.key("username")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("The user name.");

    public static final ConfigOption<String> PASSWORD =
            ConfigOptions.key("password")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("The password. Never written to logs, messages or metrics.");

    public static final ConfigOption<String> DRIVER =
            ConfigOptions.key("driver")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "The JDBC driver class. By default the dialect's: org.postgresql.Driver, "
                                    + "org.mariadb.jdbc.Driver, com.mysql.cj.jdbc.Driver (or the "
                                    + "MariaDB driver when MySQL's is not on the class path).");

    // ------------------------------------------------------------------ scan

    public static final ConfigOption<String> SCAN_QUERY =
            ConfigOptions.key("scan.query")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "A custom SELECT to read instead of 'table-name'. Its result columns must "
                                    + "match the declared columns by name. Raw SQL, run as written: it "
                                    + "must come from a trusted author.");

    public static final ConfigOption<String> SCAN_WHERE =
            ConfigOptions.key("scan.where")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "A SQL condition added to every query of the source. Raw SQL, pasted into "
                                    + "the queries as written: it must come from a trusted author.");

    public static final ConfigOption<List<String>> SCAN_SHARD_URLS =
            ConfigOptions.key("scan.shard.urls")
                    .stringType()
                    .asList()
                    .noDefaultValue()
                    .withDescription(
                            "Further JDBC URLs (separated by ';') of servers or databases that hold the "
                                    + "same tables: the source reads every table on every URL.");

    public static final ConfigOption<String> SCAN_PARTITION_COLUMN =
            ConfigOptions.key("scan.partition.column")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "The column the source splits the table on and orders each split by; its "
                                    + "last emitted value is the checkpointed read position. "
                                    + "Defaults to the primary key when it is one integer column; "
                                    + "otherwise the source asks the database for the table's key: a "
                                    + "one-column primary key or unique NOT NULL column, else a primary "
                                    + "key of several columns led by an integer column, which is split "
                                    + "on that column and resumed by the whole key. A table without "
                                    + "such a key is read as one split that is read again from the "
                                    + "start after a failure.");

    public static final ConfigOption<PartitionStrategy> SCAN_PARTITION_STRATEGY =
            ConfigOptions.key("scan.partition.strategy")
                    .enumType(PartitionStrategy.class)
                    .defaultValue(PartitionStrategy.RANGE)
                    .withDescription("How the table is split on the partition column.");

    public static final ConfigOption<Integer> SCAN_PARTITION_NUM =
            ConfigOptions.key("scan.partition.num")
                    .intType()
                    .noDefaultValue()
                    .withDescription("Splits per table. Defaults to the source parallelism.");

    public static final ConfigOption<String> SCAN_PARTITION_LOWER_BOUND =
            ConfigOptions.key("scan.partition.lower-bound")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Lower bound for the range strategy; by default the column's minimum. "
                                    + "Rows below it are still read (by the first split).");

    public static final ConfigOption<String> SCAN_PARTITION_UPPER_BOUND =
            ConfigOptions.key("scan.partition.upper-bound")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Upper bound for the range strategy; by default the column's maximum. "
                                    + "Rows above it are still read (by the last split).");

    public static final ConfigOption<Integer> SCAN_FETCH_SIZE =
            ConfigOptions.key("scan.fetch-size")
                    .intType()
                    .defaultValue(1024)
                    .withDescription(
                            "Rows fetched per round trip. Result sets stream in every dialect, so "
                                    + "memory does not grow with the table.");

    public static final ConfigOption<Boolean> SCAN_BULK_READ =
            ConfigOptions.key("scan.bulk-read")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "PostgreSQL: read each split with COPY (SELECT ...) TO STDOUT instead of "
                                    + "a cursor, when every selected column has a type the COPY text "
                                    + "parser handles (numbers, booleans, text, json, uuid, dates, "
                                    + "times, timestamps); same split bounds, order and resume "
                                    + "offsets. Other columns or dialects use the JDBC result set.");

    public static final ConfigOption<String> SCAN_INCREMENTAL_COLUMN =
            ConfigOptions.key("scan.incremental.column")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "The increasing column of an incremental sync (an auto-increment id or an "
                                    + "update time): only rows above the start value are read.");

    public static final ConfigOption<String> SCAN_INCREMENTAL_START_VALUE =
            ConfigOptions.key("scan.incremental.start-value")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Rows whose incremental column is above this value are read. Unset reads "
                                    + "from the beginning.");

    public static final ConfigOption<Duration> SCAN_INCREMENTAL_POLLING_INTERVAL =
            ConfigOptions.key("scan.incremental.polling-interval")
                    .durationType()
                    .noDefaultValue()
                    .withDescription(
                            "When set, the source never ends: at this interval it reads the rows above "
                                    + "the high-water mark, which lives in checkpoints.");

    // ------------------------------------------------------------------ sink

    public static final ConfigOption<WriteMode> SINK_WRITE_MODE =
            ConfigOptions.key("sink.write-mode")
                    .enumType(WriteMode.class)
                    .noDefaultValue()
                    .withDescription(
                            "How rows are written. Defaults to 'upsert' when the table declares a "
                                    + "primary key, else 'insert'.");

    public static final ConfigOption<List<String>> SINK_PRE_SQL =
            ConfigOptions.key("sink.pre-sql")
                    .stringType()
                    .asList()
                    .noDefaultValue()
                    .withDescription(
                            "Statements (separated by ';') run once before any sink subtask writes, "
                                    + "when the job starts fresh (not when it restores from a checkpoint "
                                    + "or savepoint): the first subtask runs them while the others wait. "
                                    + "Raw SQL, run as written with the sink's user: it must come from a "
                                    + "trusted author.");

    public static final ConfigOption<Boolean> SINK_BULK_INSERT =
            ConfigOptions.key("sink.bulk-insert")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "Appends ('sink.write-mode' = 'insert') go through the database's bulk "
                                    + "path: COPY FROM STDIN on PostgreSQL, LOAD DATA LOCAL INFILE from "
                                    + "a stream on MariaDB (MariaDB driver). Same transaction, "
                                    + "savepoints and exactly-once as INSERT; a group the database "
                                    + "rejects is replayed row by row with INSERT, so bad rows still "
                                    + "reach dirty storage. Column types without a text encoding "
                                    + "(arrays; binary on MariaDB) use batched INSERTs.");

    public static final ConfigOption<List<String>> SINK_POST_SQL =
            ConfigOptions.key("sink.post-sql")
                    .stringType()
                    .asList()
                    .noDefaultValue()
                    .withDescription(
                            "Statements (separated by ';') run once when a bounded job has written and "
                                    + "committed every row, in one task after all committers. Never run "
                                    + "by an unbounded job. Raw SQL, run as written with the sink's user: "
                                    + "it must come from a trusted author.");

    private JdbcConnectorOptions() {}
}
