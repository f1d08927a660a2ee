package org.flinkx.connector.jdbc.sink;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.types.logical.RowType;
import org.flinkx.connector.common.options.DirtyDataConfig;
import org.flinkx.connector.common.options.ErrorLimit;
import org.flinkx.connector.common.options.RateLimit;
import org.flinkx.connector.common.options.SinkBufferConfig;
import org.flinkx.connector.jdbc.config.JdbcConnectionConfig;
import org.flinkx.connector.jdbc.config.JdbcWriteConfig;
import org.flinkx.connector.jdbc.config.WriteMode;
import org.flinkx.connector.jdbc.converter.JdbcTypes;
import org.flinkx.connector.jdbc.dialect.GenericDialect;
import org.flinkx.connector.jdbc.dialect.JdbcDialect;
import org.flinkx.connector.jdbc.dialect.JdbcDialects;

/**
 * Builds a {@link JdbcSink}; {@link #build()} validates every rule once and names the offending
 * option in its message. The SQL connectors build their sinks through it too.
 *
 * <pre>{@code
 * JdbcSink sink = JdbcSink.builder()
 *     .url("jdbc:mariadb://db:3306/shop").username("writer").password(secret)
 *     .table("orders").rowType(rowType).keys(List.of("id"))
 *     .deliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
 *     .build();
 * stream.sinkTo(sink);
 * }</pre>
 */
@PublicEvolving
public final class JdbcSinkBuilder {

    private static final int MAX_PREFIX_BYTES = 40;

    private String url;
    private String username;
    private String password;
    private String driver;
    private Map<String, String> properties = new LinkedHashMap<>();
    private String table;
    private RowType rowType;
    private List<String> keys = List.of();
    private WriteMode writeMode;
    private DeliveryGuarantee guarantee = DeliveryGuarantee.AT_LEAST_ONCE;
    private SinkBufferConfig buffer = SinkBufferConfig.DEFAULT;
    private RateLimit rateLimit = RateLimit.UNLIMITED;
    private ErrorLimit errorLimit = ErrorLimit.FAIL_ON_FIRST;
    private DirtyDataConfig dirtyData = DirtyDataConfig.LOG;
    private String transactionPrefix;
    private List<String> preSql = List.of();
    private List<String> postSql = List.of();
    private boolean bulkInsert = true;
    private String connectorName = "flinkx-jdbc";

    JdbcSinkBuilder() {}

    public JdbcSinkBuilder url(String url) {
        this.url = url;
        return this;
    }

    public JdbcSinkBuilder username(String username) {
        this.username = username;
        return this;
    }

    public JdbcSinkBuilder password(String password) {
        this.password = password;
        return this;
    }

    public JdbcSinkBuilder driver(String driver) {
        this.driver = driver;
        return this;
    }

    public JdbcSinkBuilder properties(Map<String, String> properties) {
        this.properties = new LinkedHashMap<>(properties);
        return this;
    }

    public JdbcSinkBuilder table(String table) {
        this.table = table;
        return this;
    }

    /** The columns written, in the order of the incoming rows, with their Flink types. */
    public JdbcSinkBuilder rowType(RowType rowType) {
        this.rowType = rowType;
        return this;
    }

    /** The primary key columns; without them the sink appends. */
    public JdbcSinkBuilder keys(List<String> keys) {
        this.keys = List.copyOf(keys);
        return this;
    }

    /** By default upsert with keys, insert without. */
    public JdbcSinkBuilder writeMode(WriteMode writeMode) {
        this.writeMode = writeMode;
        return this;
    }

    public JdbcSinkBuilder deliveryGuarantee(DeliveryGuarantee guarantee) {
        this.guarantee = guarantee;
        return this;
    }

    public JdbcSinkBuilder buffer(SinkBufferConfig buffer) {
        this.buffer = buffer;
        return this;
    }

    public JdbcSinkBuilder rateLimit(RateLimit rateLimit) {
        this.rateLimit = rateLimit;
        return this;
    }

    public JdbcSinkBuilder errorLimit(ErrorLimit errorLimit) {
        this.errorLimit = errorLimit;
        return this;
    }

    public JdbcSinkBuilder dirtyData(DirtyDataConfig dirtyData) {
        this.dirtyData = dirtyData;
        return this;
    }

    public JdbcSinkBuilder transactionPrefix(String prefix) {
        this.transactionPrefix = prefix;
        return this;
    }

    /** Statements run once before the first write of a fresh job (not after a restore). */
    public JdbcSinkBuilder preSql(List<String> statements) {
        this.preSql = List.copyOf(statements);
        return this;
    }

    /** Statements run once after a bounded job wrote and committed everything. */
    public JdbcSinkBuilder postSql(List<String> statements) {
        this.postSql = List.copyOf(statements);
        return this;
    }

    /** Appends through COPY / LOAD DATA where the dialect has it (default true). */
    public JdbcSinkBuilder bulkInsert(boolean enabled) {
        this.bulkInsert = enabled;
        return this;
    }

    public JdbcSinkBuilder connectorName(String name) {
        this.connectorName = name;
        return this;
    }

    public JdbcSink build() {
        return buildWithDialect(null);
    }

    public JdbcSink buildWithDialect(JdbcDialect forcedDialect) {
        require(url != null && !url.isBlank(), "'url' is required.");
        require(table != null && !table.isBlank(), "'table-name' is required.");
        require(rowType != null, "The row type (the columns to write) is required.");
        JdbcDialect dialect = forcedDialect != null ? forcedDialect : JdbcDialects.forUrl(url);
        JdbcTypes.validate(rowType, dialect);
        for (String key : keys) {
            require(
                    rowType.getFieldNames().contains(key),
                    "The key column '"
                            + key
                            + "' is not a column of the table "
                            + rowType.getFieldNames()
                            + ".");
        }
        WriteMode mode =
                writeMode != null
                        ? writeMode
                        : keys.isEmpty() ? WriteMode.INSERT : WriteMode.UPSERT;
        require(
                mode == WriteMode.INSERT || !keys.isEmpty(),
                "'sink.write-mode' = '"
                        + mode
                        + "' needs a PRIMARY KEY on the table; allowed "
                        + "without one: 'insert'.");
        require(
                mode != WriteMode.UPDATE || keys.size() < rowType.getFieldCount(),
                "'sink.write-mode' = 'update' needs a column that is not part of the key.");
        if (guarantee == DeliveryGuarantee.EXACTLY_ONCE) {
            require(
                    !(dialect instanceof GenericDialect),
                    "'sink.delivery-guarantee' = 'exactly-once' needs XA, which the generic JDBC "
                            + "dialect does not offer; use flinkx-postgresql, flinkx-mysql or "
                            + "flinkx-mariadb, or 'at-least-once' with a primary key.");
        }
        String prefix = transactionPrefix != null ? transactionPrefix : defaultPrefix();
        require(
                prefix.getBytes(StandardCharsets.UTF_8).length <= MAX_PREFIX_BYTES,
                "'sink.transaction.id-prefix' must be at most " + MAX_PREFIX_BYTES + " bytes.");
        JdbcConnectionConfig connection =
                new JdbcConnectionConfig(url, username, password, driver, properties);
        JdbcWriteConfig config =
                new JdbcWriteConfig(
                        connection,
                        table,
                        rowType,
                        keys,
                        mode,
                        guarantee,
                        buffer,
                        rateLimit,
                        errorLimit,
                        dirtyData,
                        prefix,
                        preSql,
                        postSql,
                        bulkInsert);
        return new JdbcSink(config, dialect, connectorName);
    }

    private String defaultPrefix() {
        return "fx" + Integer.toHexString((url + "|" + table).hashCode());
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new ValidationException(message);
        }
    }
}
