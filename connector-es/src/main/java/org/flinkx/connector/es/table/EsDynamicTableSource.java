package org.flinkx.connector.es.table;

import static org.flinkx.connector.es.config.EsOptions.INDEX;
import static org.flinkx.connector.es.config.EsOptions.KEY_DELIMITER;
import static org.flinkx.connector.es.config.EsOptions.SCAN_FETCH_SIZE;
import static org.flinkx.connector.es.config.EsOptions.SCAN_KEEP_ALIVE;
import static org.flinkx.connector.es.config.EsOptions.SCAN_MODE;
import static org.flinkx.connector.es.config.EsOptions.SCAN_QUERY;
import static org.flinkx.connector.es.config.EsOptions.SCAN_SLICES;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.annotation.Nullable;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.UniqueConstraint;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.LookupTableSource;
import org.apache.flink.table.connector.source.ScanTableSource;
import org.apache.flink.table.connector.source.SourceProvider;
import org.apache.flink.table.connector.source.abilities.SupportsFilterPushDown;
import org.apache.flink.table.connector.source.abilities.SupportsProjectionPushDown;
import org.apache.flink.table.connector.source.abilities.SupportsReadingMetadata;
import org.apache.flink.table.connector.source.lookup.LookupFunctionProvider;
import org.apache.flink.table.connector.source.lookup.LookupOptions;
import org.apache.flink.table.connector.source.lookup.PartialCachingLookupProvider;
import org.apache.flink.table.connector.source.lookup.cache.DefaultLookupCache;
import org.apache.flink.table.connector.source.lookup.cache.LookupCache;
import org.apache.flink.table.expressions.ResolvedExpression;
import org.apache.flink.table.factories.DynamicTableFactory;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.flinkx.connector.common.options.CommonOptions;
import org.flinkx.connector.es.client.EsClient;
import org.flinkx.connector.es.config.EsConnection;
import org.flinkx.connector.es.convert.HitConverter;
import org.flinkx.connector.es.lookup.EsLookupFunction;
import org.flinkx.connector.es.source.EsSource;
import org.flinkx.connector.es.source.EsSourceBuilder;
import org.flinkx.connector.es.source.EsSourceConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scan and lookup table of {@code flinkx-es}. Projection is pushed into the searches' {@code
 * _source} includes, simple filters into their query ({@link EsFilters}); metadata columns {@code
 * _id}, {@code _index} and {@code _score} come from each hit.
 */
final class EsDynamicTableSource
        implements ScanTableSource,
                LookupTableSource,
                SupportsProjectionPushDown,
                SupportsFilterPushDown,
                SupportsReadingMetadata {

    private static final Logger LOG = LoggerFactory.getLogger(EsDynamicTableSource.class);

    private final EsSourceConfig config;
    private final RowType physicalType;
    private final List<String> primaryKey;
    private final String keyDelimiter;
    @Nullable private final LookupCache cache;
    private final int lookupMaxRetries;
    @Nullable private final Integer parallelism;

    private RowType selected;
    private List<String> metadata = List.of();
    @Nullable private String query;

    private EsDynamicTableSource(
            EsSourceConfig config,
            RowType physicalType,
            List<String> primaryKey,
            String keyDelimiter,
            @Nullable LookupCache cache,
            int lookupMaxRetries,
            @Nullable Integer parallelism) {
        this.config = config;
        this.physicalType = physicalType;
        this.selected = physicalType;
        this.query = config.query();
        this.primaryKey = primaryKey;
        this.keyDelimiter = keyDelimiter;
        this.cache = cache;
        this.lookupMaxRetries = lookupMaxRetries;
        this.parallelism = parallelism;
    }

    static EsDynamicTableSource create(
            DynamicTableFactory.Context context, ReadableConfig options, EsConnection connection) {
        RowType physical = (RowType) context.getPhysicalRowDataType().getLogicalType();
        for (RowType.RowField field : physical.getFields()) {
            if (!supportsReading(field.getType())) {
                throw new ValidationException(
                        "Column '"
                                + field.getName()
                                + "' has type "
                                + field.getType().asSummaryString()
                                + ", which flinkx-es cannot read documents into");
            }
        }
        LookupCache cache = null;
        if (options.get(LookupOptions.CACHE_TYPE) == LookupOptions.LookupCacheType.PARTIAL) {
            cache = DefaultLookupCache.fromConfig(options);
        } else if (options.get(LookupOptions.CACHE_TYPE) == LookupOptions.LookupCacheType.FULL) {
            throw new ValidationException(
                    "'lookup.cache' = 'FULL' is not supported by flinkx-es; the allowed values "
                            + "are NONE and PARTIAL.");
        }
        EsSourceBuilder builder =
                EsSource.builder()
                        .connection(connection)
                        .index(options.get(INDEX))
                        .fields(physical)
                        .fetchSize(options.get(SCAN_FETCH_SIZE))
                        .mode(options.get(SCAN_MODE))
                        .keepAlive(options.get(SCAN_KEEP_ALIVE))
                        .rateLimit(CommonOptions.scanRateLimit(options))
                        .errorLimit(CommonOptions.errorLimit(options))
                        .dirtyData(CommonOptions.dirtyData(options))
                        .connectorName(EsDynamicTableFactory.IDENTIFIER);
        options.getOptional(SCAN_QUERY).ifPresent(builder::query);
        options.getOptional(SCAN_SLICES).ifPresent(builder::slices);
        EsSourceConfig config = builder.buildConfig(); // validates, naming the keys
        List<String> primaryKey =
                context.getCatalogTable()
                        .getResolvedSchema()
                        .getPrimaryKey()
                        .map(UniqueConstraint::getColumns)
                        .orElse(List.of());
        return new EsDynamicTableSource(
                config,
                physical,
                primaryKey,
                options.get(KEY_DELIMITER),
                cache,
                options.get(LookupOptions.MAX_RETRIES),
                options.getOptional(FactoryUtil.SOURCE_PARALLELISM).orElse(null));
    }

    private static boolean supportsReading(LogicalType type) {
        return org.flinkx.connector.es.convert.DocumentWriter.supports(type);
    }

    private EsSourceConfig plannedConfig() {
        return new EsSourceConfig(
                config.connector(),
                config.connection(),
                config.index(),
                query,
                selected,
                metadata,
                config.slices(),
                config.fetchSize(),
                config.mode(),
                config.keepAlive(),
                config.rateLimit(),
                config.errorLimit(),
                config.dirtyData());
    }

    @Override
    public ChangelogMode getChangelogMode() {
        return ChangelogMode.insertOnly();
    }

    @Override
    public ScanRuntimeProvider getScanRuntimeProvider(ScanContext context) {
        return SourceProvider.of(new EsSource(plannedConfig()), parallelism);
    }

    @Override
    public LookupRuntimeProvider getLookupRuntimeProvider(LookupContext context) {
        // Key indices refer to the produced row: the selected fields, then the metadata columns.
        List<String> names = selected.getFieldNames();
        List<String> keys = new ArrayList<>();
        List<RowType.RowField> keyFields = new ArrayList<>();
        for (int[] path : context.getKeys()) {
            if (path.length > 1 || path[0] >= names.size()) {
                throw new ValidationException(
                        "A lookup join of flinkx-es can only join on top-level physical columns "
                                + "(a metadata _id: declare the key as a column with a PRIMARY "
                                + "KEY instead).");
            }
            keys.add(names.get(path[0]));
            keyFields.add(selected.getFields().get(path[0]));
        }
        boolean byId = !primaryKey.isEmpty() && keys.equals(primaryKey);
        EsLookupFunction function =
                new EsLookupFunction(
                        config.connection(),
                        config.index(),
                        selected,
                        metadata,
                        new RowType(keyFields),
                        byId,
                        keyDelimiter,
                        lookupMaxRetries);
        return cache == null
                ? LookupFunctionProvider.of(function)
                : PartialCachingLookupProvider.of(function, cache);
    }

    @Override
    public boolean supportsNestedProjection() {
        return false;
    }

    @Override
    public void applyProjection(int[][] projectedFields, DataType producedDataType) {
        List<RowType.RowField> fields = physicalType.getFields();
        selected =
                new RowType(
                        Arrays.stream(projectedFields).map(path -> fields.get(path[0])).toList());
    }

    /**
     * Pushes what {@link EsFilters} can translate into the search's query, after asking the cluster
     * for the index's mapping (which decides what compares as Flink compares). Flink applies every
     * filter again. Without an answer from the cluster (it is unreachable from where the job is
     * planned), nothing is pushed.
     */
    @Override
    public Result applyFilters(List<ResolvedExpression> filters) {
        EsFilters translator;
        try (EsClient client = new EsClient(config.connection())) {
            translator =
                    EsFilters.ofMappings(
                            client.json("GET", "/" + config.index() + "/_mapping", null));
        } catch (IOException | RuntimeException e) {
            LOG.info(
                    "Filters are not pushed down into {}: its mapping could not be read ({})",
                    config.index(),
                    e.getMessage());
            return Result.of(List.of(), filters);
        }
        List<ResolvedExpression> accepted = new ArrayList<>();
        ObjectNode bool = EsClient.JSON.createObjectNode();
        ArrayNode clauses = bool.putObject("bool").putArray("filter");
        try {
            if (query != null) {
                clauses.add(EsClient.JSON.readTree(query));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e); // checked when the table was created
        }
        for (ResolvedExpression filter : filters) {
            Optional<ObjectNode> translated = translator.translate(filter);
            if (translated.isPresent()) {
                clauses.add(translated.get());
                accepted.add(filter);
            }
        }
        if (!accepted.isEmpty()) {
            query = bool.toString();
        }
        return Result.of(accepted, filters);
    }

    @Override
    public Map<String, DataType> listReadableMetadata() {
        Map<String, DataType> readable = new LinkedHashMap<>();
        readable.put(HitConverter.ID, DataTypes.STRING().nullable());
        readable.put(HitConverter.INDEX, DataTypes.STRING().nullable());
        readable.put(HitConverter.SCORE, DataTypes.DOUBLE().nullable());
        return readable;
    }

    @Override
    public void applyReadableMetadata(List<String> metadataKeys, DataType producedDataType) {
        metadata = List.copyOf(metadataKeys);
    }

    @Override
    public DynamicTableSource copy() {
        EsDynamicTableSource copy =
                new EsDynamicTableSource(
                        config,
                        physicalType,
                        primaryKey,
                        keyDelimiter,
                        cache,
                        lookupMaxRetries,
                        parallelism);
        copy.selected = selected;
        copy.metadata = metadata;
        copy.query = query;
        return copy;
    }

    @Override
    public String asSummaryString() {
        return EsDynamicTableFactory.IDENTIFIER;
    }
}
