package org.flinkx.connector.jdbc.source;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.logical.RowType;
import org.flinkx.connector.common.options.DirtyDataConfig;
import org.flinkx.connector.common.options.ErrorLimit;
import org.flinkx.connector.common.options.RateLimit;
import org.flinkx.connector.jdbc.config.JdbcConnectionConfig;
import org.flinkx.connector.jdbc.config.JdbcReadConfig;
import org.flinkx.connector.jdbc.config.PartitionStrategy;
import org.flinkx.connector.jdbc.converter.JdbcRowConverter;
import org.flinkx.connector.jdbc.converter.JdbcTypes;
import org.flinkx.connector.jdbc.dialect.JdbcDialect;
import org.flinkx.connector.jdbc.dialect.JdbcDialects;

/**
 * Builds a {@link JdbcSource}; {@link #build()} validates every rule once and names the offending
 * option in its message. The SQL connectors build their sources through it too.
 *
 * <pre>{@code
 * JdbcSource source = JdbcSource.builder()
 *     .url("jdbc:postgresql://db:5432/shop").username("reader").password(secret)
 *     .table("public.orders")
 *     .rowType(rowType)                      // the columns to read, with their Flink types
 *     .partitionColumn("id").partitions(8)   // resumable parallel read
 *     .build();
 * }</pre>
 */
@PublicEvolving
public final class JdbcSourceBuilder {

    private String url;
    private String username;
    private String password;
    private String driver;
    private Map<String, String> properties = new LinkedHashMap<>();
    private List<String> shardUrls = List.of();
    private List<String> tables = List.of();
    private String query;
    private String where;
    private RowType rowType;
    private String partitionColumn;
    private PartitionStrategy strategy = PartitionStrategy.RANGE;
    private int partitions;
    private String lowerBound;
    private String upperBound;
    private int fetchSize = 1024;
    private boolean bulkRead = true;
    private String incrementalColumn;
    private String incrementalStart;
    private Duration pollingInterval;
    private RateLimit rateLimit = RateLimit.UNLIMITED;
    private ErrorLimit errorLimit = ErrorLimit.FAIL_ON_FIRST;
    private DirtyDataConfig dirtyData = DirtyDataConfig.LOG;
    private String connectorName = "flinkx-jdbc";

    JdbcSourceBuilder() {}

    public JdbcSourceBuilder url(String url) {
        this.url = url;
        return this;
    }

    public JdbcSourceBuilder username(String username) {
        this.username = username;
        return this;
    }

    public JdbcSourceBuilder password(String password) {
        this.password = password;
        return this;
    }

    /** The driver class; by default the dialect's. */
    public JdbcSourceBuilder driver(String driver) {
        this.driver = driver;
        return this;
    }

    /** Driver properties passed through unchanged. */
    public JdbcSourceBuilder properties(Map<String, String> properties) {
        this.properties = new LinkedHashMap<>(properties);
        return this;
    }

    /** Further servers that hold the same tables: a sharded read. */
    public JdbcSourceBuilder shardUrls(List<String> urls) {
        this.shardUrls = List.copyOf(urls);
        return this;
    }

    public JdbcSourceBuilder table(String table) {
        this.tables = List.of(table);
        return this;
    }

    /** Several tables with the same columns: a sharded read. */
    public JdbcSourceBuilder tables(List<String> tables) {
        this.tables = List.copyOf(tables);
        return this;
    }

    /** A custom SELECT instead of a table. */
    public JdbcSourceBuilder query(String query) {
        this.query = query;
        return this;
    }

    /** A condition added to every query. */
    public JdbcSourceBuilder where(String where) {
        this.where = where;
        return this;
    }

    /** The columns to read and their Flink types. */
    public JdbcSourceBuilder rowType(RowType rowType) {
        this.rowType = rowType;
        return this;
    }

    public JdbcSourceBuilder partitionColumn(String column) {
        this.partitionColumn = column;
        return this;
    }

    public JdbcSourceBuilder partitionStrategy(PartitionStrategy strategy) {
        this.strategy = strategy;
        return this;
    }

    /** Splits per table; 0 (the default) for the source parallelism. */
    public JdbcSourceBuilder partitions(int partitions) {
        this.partitions = partitions;
        return this;
    }

    public JdbcSourceBuilder partitionBounds(String lower, String upper) {
        this.lowerBound = lower;
        this.upperBound = upper;
        return this;
    }

    public JdbcSourceBuilder fetchSize(int fetchSize) {
        this.fetchSize = fetchSize;
        return this;
    }

    /** Reads splits with COPY TO STDOUT where the dialect and column types allow (default true). */
    public JdbcSourceBuilder bulkRead(boolean enabled) {
        this.bulkRead = enabled;
        return this;
    }

    public JdbcSourceBuilder incrementalColumn(String column) {
        this.incrementalColumn = column;
        return this;
    }

    public JdbcSourceBuilder incrementalStart(String startValue) {
        this.incrementalStart = startValue;
        return this;
    }

    /** Keep polling for new rows at this interval (the source becomes unbounded). */
    public JdbcSourceBuilder pollingInterval(Duration interval) {
        this.pollingInterval = interval;
        return this;
    }

    public JdbcSourceBuilder rateLimit(RateLimit rateLimit) {
        this.rateLimit = rateLimit;
        return this;
    }

    public JdbcSourceBuilder errorLimit(ErrorLimit errorLimit) {
        this.errorLimit = errorLimit;
        return this;
    }

    public JdbcSourceBuilder dirtyData(DirtyDataConfig dirtyData) {
        this.dirtyData = dirtyData;
        return this;
    }

    public JdbcSourceBuilder connectorName(String name) {
        this.connectorName = name;
        return this;
    }

    public JdbcSource build() {
        return buildWithDialect(null);
    }

    /** Builds with the given dialect (the SQL connectors fix it by identifier). */
    public JdbcSource buildWithDialect(JdbcDialect forcedDialect) {
        require(url != null && !url.isBlank(), "'url' is required.");
        require(rowType != null, "The row type (the columns to read) is required.");
        require(
                tables.isEmpty() != (query == null),
                "Give either 'table-name' or 'scan.query', not both and not neither.");
        require(fetchSize > 0, "'scan.fetch-size' must be positive, but is " + fetchSize + ".");
        JdbcDialect dialect = forcedDialect != null ? forcedDialect : JdbcDialects.forUrl(url);
        JdbcTypes.validate(rowType, dialect);
        List<String> columns = rowType.getFieldNames();
        if (partitionColumn != null) {
            LogicalType type = columnType(columns, partitionColumn, "scan.partition.column");
            require(
                    JdbcTypes.canHoldOffset(type),
                    "'scan.partition.column' = '"
                            + partitionColumn
                            + "' has type "
                            + type
                            + "; it must be a numeric, string, date or timestamp column.");
            if (strategy == PartitionStrategy.MOD) {
                require(
                        isIntegral(type),
                        "'scan.partition.strategy' = 'mod' needs an integer column, but '"
                                + partitionColumn
                                + "' is "
                                + type
                                + ".");
            }
        }
        Object lower = parse(lowerBound, "scan.partition.lower-bound");
        Object upper = parse(upperBound, "scan.partition.upper-bound");
        Object start = null;
        if (incrementalColumn != null) {
            LogicalType type = columnType(columns, incrementalColumn, "scan.incremental.column");
            require(
                    JdbcTypes.canHoldOffset(type),
                    "'scan.incremental.column' = '"
                            + incrementalColumn
                            + "' has type "
                            + type
                            + "; it must be a numeric, string, date or timestamp column.");
            start = parseValue(incrementalStart, type, "scan.incremental.start-value");
        } else {
            require(
                    incrementalStart == null,
                    "'scan.incremental.start-value' needs 'scan.incremental.column'.");
            require(
                    pollingInterval == null,
                    "'scan.incremental.polling-interval' needs 'scan.incremental.column'.");
        }
        require(
                pollingInterval == null
                        || !pollingInterval.isNegative() && !pollingInterval.isZero(),
                "'scan.incremental.polling-interval' must be positive.");
        JdbcConnectionConfig connection =
                new JdbcConnectionConfig(url, username, password, driver, properties);
        JdbcReadConfig config =
                new JdbcReadConfig(
                        connection,
                        shardUrls,
                        tables,
                        query,
                        where,
                        rowType,
                        new ArrayList<>(columns),
                        List.of(),
                        null,
                        List.of(),
                        partitionColumn,
                        strategy,
                        partitions,
                        lower,
                        upper,
                        fetchSize,
                        incrementalColumn,
                        start,
                        pollingInterval,
                        -1,
                        rateLimit,
                        errorLimit,
                        dirtyData,
                        bulkRead);
        return new JdbcSource(config, dialect, connectorName);
    }

    private Object parse(String text, String key) {
        if (text == null) {
            return null;
        }
        require(partitionColumn != null, "'" + key + "' needs 'scan.partition.column'.");
        return parseValue(text, rowType.getTypeAt(rowType.getFieldIndex(partitionColumn)), key);
    }

    private static Object parseValue(String text, LogicalType type, String key) {
        try {
            return JdbcRowConverter.parseOffset(text, type);
        } catch (RuntimeException e) {
            throw new ValidationException(
                    "'"
                            + key
                            + "' = '"
                            + text
                            + "' is not a valid value of type "
                            + type
                            + ": "
                            + e.getMessage());
        }
    }

    private LogicalType columnType(List<String> columns, String column, String key) {
        int index = columns.indexOf(column);
        if (index < 0) {
            throw new ValidationException(
                    "'"
                            + key
                            + "' = '"
                            + column
                            + "' is not a column of the table; columns: "
                            + columns
                            + ".");
        }
        return rowType.getTypeAt(index);
    }

    private static boolean isIntegral(LogicalType type) {
        LogicalTypeRoot root = type.getTypeRoot();
        return root == LogicalTypeRoot.TINYINT
                || root == LogicalTypeRoot.SMALLINT
                || root == LogicalTypeRoot.INTEGER
                || root == LogicalTypeRoot.BIGINT;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new ValidationException(message);
        }
    }
}
