package org.flinkx.connector.binlog.table;

import static org.flinkx.connector.binlog.config.BinlogOptions.DEBEZIUM_PREFIX;
import static org.flinkx.connector.binlog.config.BinlogOptions.HOSTNAME;
import static org.flinkx.connector.binlog.config.BinlogOptions.JDBC_PREFIX;
import static org.flinkx.connector.binlog.config.BinlogOptions.PASSWORD;
import static org.flinkx.connector.binlog.config.BinlogOptions.PORT;
import static org.flinkx.connector.binlog.config.BinlogOptions.ROWS;
import static org.flinkx.connector.binlog.config.BinlogOptions.SERVER_ID;
import static org.flinkx.connector.binlog.config.BinlogOptions.SERVER_TYPE;
import static org.flinkx.connector.binlog.config.BinlogOptions.SNAPSHOT_CHUNKED;
import static org.flinkx.connector.binlog.config.BinlogOptions.SNAPSHOT_CHUNK_SIZE;
import static org.flinkx.connector.binlog.config.BinlogOptions.STARTUP_FILE;
import static org.flinkx.connector.binlog.config.BinlogOptions.STARTUP_GTID;
import static org.flinkx.connector.binlog.config.BinlogOptions.STARTUP_MODE;
import static org.flinkx.connector.binlog.config.BinlogOptions.STARTUP_POSITION;
import static org.flinkx.connector.binlog.config.BinlogOptions.STARTUP_TIMESTAMP;
import static org.flinkx.connector.binlog.config.BinlogOptions.TABLES;
import static org.flinkx.connector.binlog.config.BinlogOptions.TABLES_EXCLUDE;
import static org.flinkx.connector.binlog.config.BinlogOptions.USERNAME;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.factories.DynamicTableSourceFactory;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.types.logical.RowType;
import org.flinkx.connector.binlog.config.BinlogConfig;
import org.flinkx.connector.binlog.config.RowsShape;
import org.flinkx.connector.binlog.config.ServerFlavor;
import org.flinkx.connector.binlog.config.ServerType;
import org.flinkx.connector.binlog.config.StartupMode;
import org.flinkx.connector.binlog.config.TableRowTypes;
import org.flinkx.connector.common.options.CommonOptions;
import org.flinkx.connector.common.options.FlinkxOptions;

/**
 * {@code 'connector' = 'flinkx-binlog'}: changes of MySQL/MariaDB tables as a changelog. Further
 * Debezium properties pass through as {@code debezium.*}, JDBC driver properties of FlinkX's own
 * connections as {@code jdbc.*}.
 */
@PublicEvolving
public final class BinlogTableFactory implements DynamicTableSourceFactory {

    public static final String IDENTIFIER = "flinkx-binlog";

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of(HOSTNAME, USERNAME);
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        Set<ConfigOption<?>> options =
                new HashSet<>(
                        Set.of(
                                PORT,
                                PASSWORD,
                                TABLES,
                                ROWS,
                                SERVER_TYPE,
                                TABLES_EXCLUDE,
                                STARTUP_MODE,
                                STARTUP_FILE,
                                STARTUP_POSITION,
                                STARTUP_GTID,
                                STARTUP_TIMESTAMP,
                                SERVER_ID,
                                SNAPSHOT_CHUNKED,
                                SNAPSHOT_CHUNK_SIZE));
        options.add(FlinkxOptions.SCAN_OPERATOR_UID);
        options.add(FlinkxOptions.SCAN_RATE_LIMIT_RECORDS);
        options.add(FlinkxOptions.SCAN_RATE_LIMIT_BYTES);
        options.add(FlinkxOptions.ERRORS_MAX_COUNT);
        options.add(FlinkxOptions.ERRORS_MAX_PERCENTAGE);
        options.add(FlinkxOptions.DIRTY_SINK);
        options.add(FlinkxOptions.DIRTY_PATH);
        return options;
    }

    @Override
    public DynamicTableSource createDynamicTableSource(Context context) {
        FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(this, context);
        ReadableConfig options = CommonOptions.validate(this, helper, DEBEZIUM_PREFIX, JDBC_PREFIX);
        StartupMode mode = options.get(STARTUP_MODE);
        require(options, mode, StartupMode.SPECIFIC_OFFSET, STARTUP_FILE);
        require(options, mode, StartupMode.SPECIFIC_OFFSET, STARTUP_POSITION);
        require(options, mode, StartupMode.GTID, STARTUP_GTID);
        require(options, mode, StartupMode.TIMESTAMP, STARTUP_TIMESTAMP);
        if (options.get(SNAPSHOT_CHUNK_SIZE) < 1) {
            throw new ValidationException(
                    String.format(
                            "'%s' must be a positive number of rows, not %d.",
                            SNAPSHOT_CHUNK_SIZE.key(), options.get(SNAPSHOT_CHUNK_SIZE)));
        }
        Map<String, String> tableOptions = context.getCatalogTable().getOptions();
        Map<String, String> debezium = CommonOptions.withPrefix(tableOptions, DEBEZIUM_PREFIX);
        Map<String, String> jdbc = CommonOptions.withPrefix(tableOptions, JDBC_PREFIX);
        ServerType type = options.get(SERVER_TYPE);
        RowType physical = (RowType) context.getPhysicalRowDataType().getLogicalType();
        Map<String, RowType> tableRows = Map.of();
        List<String> tables;
        if (options.get(ROWS) == RowsShape.PER_TABLE) {
            if (options.getOptional(TABLES).isPresent()) {
                throw new ValidationException(
                        String.format(
                                "'%s' = '%s' captures the tables its columns name: leave '%s' out.",
                                ROWS.key(), RowsShape.PER_TABLE, TABLES.key()));
            }
            tableRows = TableRowTypes.of(physical);
            tables = TableRowTypes.patterns(tableRows.keySet());
        } else {
            tables =
                    options.getOptional(TABLES)
                            .orElseThrow(
                                    () ->
                                            new ValidationException(
                                                    String.format(
                                                            "'%s' is required (the captured tables), unless '%s' = '%s'.",
                                                            TABLES.key(),
                                                            ROWS.key(),
                                                            RowsShape.PER_TABLE)));
        }
        BinlogConfig config =
                new BinlogConfig(
                        IDENTIFIER,
                        type == ServerType.AUTO
                                ? null
                                : type == ServerType.MARIADB
                                        ? ServerFlavor.MARIADB
                                        : ServerFlavor.MYSQL,
                        options.get(HOSTNAME),
                        options.get(PORT),
                        options.get(USERNAME),
                        options.getOptional(PASSWORD).orElse(""),
                        tables,
                        options.getOptional(TABLES_EXCLUDE).orElse(List.of()),
                        physical,
                        List.of(),
                        mode,
                        options.getOptional(STARTUP_FILE).orElse(null),
                        options.getOptional(STARTUP_POSITION).orElse(0L),
                        options.getOptional(STARTUP_GTID).orElse(null),
                        options.getOptional(STARTUP_TIMESTAMP).orElse(0L),
                        options.getOptional(SERVER_ID).orElse(null),
                        Map.copyOf(debezium),
                        CommonOptions.errorLimit(options),
                        CommonOptions.dirtyData(options),
                        CommonOptions.scanRateLimit(options),
                        options.get(SNAPSHOT_CHUNKED),
                        options.get(SNAPSHOT_CHUNK_SIZE),
                        Map.copyOf(jdbc),
                        tableRows);
        return new BinlogTableSource(
                config, options.getOptional(FlinkxOptions.SCAN_OPERATOR_UID).orElse(null));
    }

    private static void require(
            ReadableConfig options, StartupMode mode, StartupMode needing, ConfigOption<?> option) {
        if (mode == needing && options.getOptional(option).isEmpty()) {
            throw new ValidationException(
                    String.format(
                            "'%s' = '%s' needs '%s'.", STARTUP_MODE.key(), mode, option.key()));
        }
    }
}
