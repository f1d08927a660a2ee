package org.flinkx.connector.es.source;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.flinkx.connector.common.options.DirtyDataConfig;
import org.flinkx.connector.common.options.ErrorLimit;
import org.flinkx.connector.common.options.RateLimit;
import org.flinkx.connector.es.config.EsConnection;
import org.flinkx.connector.es.config.EsConnectionBuilder;
import org.flinkx.connector.es.config.EsOptions;
import org.flinkx.connector.es.config.ScanMode;
import org.flinkx.connector.es.convert.HitConverter;
import org.flinkx.connector.es.source.search.SearchRequests;

/**
 * Builds an {@link EsSource} for the DataStream API; {@link #build()} validates every setting once
 * and names the offending option (the SQL connector's key) in its message. The defaults are the
 * options' defaults ({@link EsOptions}).
 *
 * <pre>{@code
 * EsSource source = EsSource.builder()
 *     .hosts("http://es1:9200;http://es2:9200").username("reader").password(secret)
 *     .index("orders-*")
 *     .query("{\"term\": {\"status\": \"paid\"}}")
 *     .fields(DataTypes.ROW(DataTypes.FIELD("customer", DataTypes.STRING()),
 *                           DataTypes.FIELD("amount", DataTypes.DECIMAL(10, 2))))
 *     .metadata("_id", "_index")           // after the fields, in this order
 *     .slices(8)                            // resumable parallel read
 *     .build();
 * }</pre>
 */
@PublicEvolving
public final class EsSourceBuilder {

    private EsConnection connection;
    private final List<String> hosts = new ArrayList<>();
    private String pathPrefix = EsOptions.PATH_PREFIX.defaultValue();
    private String username;
    private String password;
    private String apiKey;
    private String caCertificate;
    private boolean verifyHostname = EsOptions.TLS_VERIFY_HOSTNAME.defaultValue();
    private Duration connectTimeout = EsOptions.CONNECT_TIMEOUT.defaultValue();
    private Duration socketTimeout = EsOptions.SOCKET_TIMEOUT.defaultValue();
    private String index;
    private String query;
    private RowType fields;
    private List<String> metadata = List.of();
    private Integer slices;
    private int fetchSize = EsOptions.SCAN_FETCH_SIZE.defaultValue();
    private ScanMode mode = EsOptions.SCAN_MODE.defaultValue();
    private Duration keepAlive = EsOptions.SCAN_KEEP_ALIVE.defaultValue();
    private RateLimit rateLimit = RateLimit.UNLIMITED;
    private ErrorLimit errorLimit = ErrorLimit.FAIL_ON_FIRST;
    private DirtyDataConfig dirtyData = DirtyDataConfig.LOG;
    private String connectorName = "flinkx-es";

    EsSourceBuilder() {}

    /**
     * The whole connection at once (as the sink builder takes it); the connection setters below are
     * then ignored.
     */
    public EsSourceBuilder connection(EsConnection connection) {
        this.connection = connection;
        return this;
    }

    /** The nodes, {@code http://host:9200}; each argument may hold several separated by ';'. */
    public EsSourceBuilder hosts(String... hosts) {
        this.hosts.addAll(List.of(hosts));
        return this;
    }

    /** Put in front of every request's path, for a cluster behind a proxy at /es. */
    public EsSourceBuilder pathPrefix(String pathPrefix) {
        this.pathPrefix = pathPrefix;
        return this;
    }

    public EsSourceBuilder username(String username) {
        this.username = username;
        return this;
    }

    public EsSourceBuilder password(String password) {
        this.password = password;
        return this;
    }

    /** An API key (the 'encoded' value), instead of a user and password. */
    public EsSourceBuilder apiKey(String apiKey) {
        this.apiKey = apiKey;
        return this;
    }

    /** A PEM file of the CA certificates that sign the nodes' HTTPS certificates. */
    public EsSourceBuilder caCertificate(String pemFile) {
        this.caCertificate = pemFile;
        return this;
    }

    public EsSourceBuilder verifyHostname(boolean verifyHostname) {
        this.verifyHostname = verifyHostname;
        return this;
    }

    public EsSourceBuilder connectTimeout(Duration timeout) {
        this.connectTimeout = timeout;
        return this;
    }

    public EsSourceBuilder socketTimeout(Duration timeout) {
        this.socketTimeout = timeout;
        return this;
    }

    /** An index, alias, pattern with * or comma-separated list. */
    public EsSourceBuilder index(String index) {
        this.index = index;
        return this;
    }

    /** The query DSL JSON of the search's 'query', to read only the documents it matches. */
    public EsSourceBuilder query(String query) {
        this.query = query;
        return this;
    }

    /** The {@code _source} fields to read and their Flink types, in the order of the rows. */
    public EsSourceBuilder fields(RowType fields) {
        this.fields = fields;
        return this;
    }

    /** As {@link #fields(RowType)}, from a {@code DataTypes.ROW(...)}. */
    public EsSourceBuilder fields(DataType fields) {
        LogicalType type = fields.getLogicalType();
        if (!(type instanceof RowType row)) {
            throw new ValidationException("The fields must be a ROW type, not " + type);
        }
        this.fields = row;
        return this;
    }

    /**
     * Metadata columns after the fields, in this order: {@code _id}, {@code _index}, {@code
     * _score}.
     */
    public EsSourceBuilder metadata(String... keys) {
        this.metadata = List.of(keys);
        return this;
    }

    /** Into how many slices (splits) the read is cut; by default the source's parallelism. */
    public EsSourceBuilder slices(int slices) {
        this.slices = slices;
        return this;
    }

    /** Documents per search request. */
    public EsSourceBuilder fetchSize(int fetchSize) {
        this.fetchSize = fetchSize;
        return this;
    }

    public EsSourceBuilder mode(ScanMode mode) {
        this.mode = mode;
        return this;
    }

    /** How long the cluster keeps a point in time or scroll open between two requests. */
    public EsSourceBuilder keepAlive(Duration keepAlive) {
        this.keepAlive = keepAlive;
        return this;
    }

    public EsSourceBuilder rateLimit(RateLimit rateLimit) {
        this.rateLimit = rateLimit;
        return this;
    }

    public EsSourceBuilder errorLimit(ErrorLimit errorLimit) {
        this.errorLimit = errorLimit;
        return this;
    }

    public EsSourceBuilder dirtyData(DirtyDataConfig dirtyData) {
        this.dirtyData = dirtyData;
        return this;
    }

    /** The name in messages, metrics and dirty records; {@code flinkx-es} by default. */
    public EsSourceBuilder connectorName(String name) {
        this.connectorName = name;
        return this;
    }

    public EsSource build() {
        return new EsSource(buildConfig());
    }

    /** The validated configuration. */
    public EsSourceConfig buildConfig() {
        require(index != null && !index.isBlank(), "'" + EsOptions.INDEX.key() + "' is required.");
        require(fields != null, "The fields to read (a ROW type) are required.");
        require(
                fields.getFieldCount() > 0 || !metadata.isEmpty(),
                "Read at least one field or metadata column.");
        checkMetadata();
        try {
            new HitConverter(fields, metadata);
        } catch (IllegalArgumentException e) {
            throw new ValidationException(e.getMessage(), e);
        }
        try {
            SearchRequests.query(query);
        } catch (IOException e) {
            throw new ValidationException(
                    "'"
                            + EsOptions.SCAN_QUERY.key()
                            + "' must be a JSON object of the query DSL, "
                            + "{\"term\": {\"status\": \"paid\"}}: "
                            + e.getMessage());
        }
        require(
                slices == null || slices >= 1,
                "'" + EsOptions.SCAN_SLICES.key() + "' must be 1 or more, but is " + slices + ".");
        require(
                fetchSize >= 1 && fetchSize <= 10_000,
                "'"
                        + EsOptions.SCAN_FETCH_SIZE.key()
                        + "' must be between 1 and 10000, but is "
                        + fetchSize
                        + ".");
        require(mode != null, "'" + EsOptions.SCAN_MODE.key() + "' must not be null.");
        require(
                keepAlive != null && keepAlive.toMillis() >= 1,
                "'" + EsOptions.SCAN_KEEP_ALIVE.key() + "' must be positive, but is " + keepAlive);
        require(
                rateLimit != null && errorLimit != null && dirtyData != null,
                "The rate limit, error limit and dirty-data settings must not be null.");
        return new EsSourceConfig(
                connectorName,
                connection(),
                index.trim(),
                query,
                fields,
                metadata,
                slices,
                fetchSize,
                mode,
                keepAlive,
                rateLimit,
                errorLimit,
                dirtyData);
    }

    private EsConnection connection() {
        if (connection != null) {
            return connection;
        }
        try {
            EsConnectionBuilder connection =
                    EsConnection.builder()
                            .hosts(String.join(";", hosts))
                            .pathPrefix(pathPrefix)
                            .caCertificate(caCertificate)
                            .verifyHostname(verifyHostname)
                            .timeouts(connectTimeout, socketTimeout);
            if (username != null || password != null) {
                connection.basicAuth(username, password);
            }
            if (apiKey != null) {
                connection.apiKey(apiKey);
            }
            return connection.build();
        } catch (IllegalArgumentException e) {
            throw new ValidationException(e.getMessage(), e);
        }
    }

    private void checkMetadata() {
        Set<String> names = new HashSet<>(fields.getFieldNames());
        Set<String> seen = new HashSet<>();
        for (String key : metadata) {
            require(
                    HitConverter.METADATA.contains(key),
                    "Unknown metadata column '" + key + "'; the keys are " + HitConverter.METADATA);
            require(seen.add(key), "The metadata column '" + key + "' is asked for twice.");
            require(
                    !names.contains(key),
                    "The metadata column '" + key + "' has the name of a field.");
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new ValidationException(message);
        }
    }
}
