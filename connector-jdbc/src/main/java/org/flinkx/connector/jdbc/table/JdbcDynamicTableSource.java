package org.flinkx.connector.jdbc.table;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.annotation.Nullable;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.LookupTableSource;
import org.apache.flink.table.connector.source.ScanTableSource;
import org.apache.flink.table.connector.source.SourceProvider;
import org.apache.flink.table.connector.source.abilities.SupportsFilterPushDown;
import org.apache.flink.table.connector.source.abilities.SupportsLimitPushDown;
import org.apache.flink.table.connector.source.abilities.SupportsProjectionPushDown;
import org.apache.flink.table.connector.source.abilities.SupportsReadingMetadata;
import org.apache.flink.table.connector.source.lookup.LookupFunctionProvider;
import org.apache.flink.table.connector.source.lookup.PartialCachingLookupProvider;
import org.apache.flink.table.connector.source.lookup.cache.LookupCache;
import org.apache.flink.table.expressions.ResolvedExpression;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.RowType;
import org.flinkx.connector.jdbc.config.JdbcReadConfig;
import org.flinkx.connector.jdbc.dialect.JdbcDialect;
import org.flinkx.connector.jdbc.lookup.JdbcLookupFunction;
import org.flinkx.connector.jdbc.source.JdbcSource;

/** The scan and lookup side of the {@code flinkx-*} JDBC connectors. */
final class JdbcDynamicTableSource
        implements ScanTableSource,
                LookupTableSource,
                SupportsProjectionPushDown,
                SupportsFilterPushDown,
                SupportsLimitPushDown,
                SupportsReadingMetadata {

    private final String identifier;
    private final JdbcDialect dialect;
    private final @Nullable Integer parallelism;
    private final @Nullable LookupCache cache;
    private final int lookupMaxRetries;
    private JdbcReadConfig config;

    JdbcDynamicTableSource(
            String identifier,
            JdbcDialect dialect,
            JdbcReadConfig config,
            @Nullable Integer parallelism,
            @Nullable LookupCache cache,
            int lookupMaxRetries) {
        this.identifier = identifier;
        this.dialect = dialect;
        this.config = config;
        this.parallelism = parallelism;
        this.cache = cache;
        this.lookupMaxRetries = lookupMaxRetries;
    }

    @Override
    public ChangelogMode getChangelogMode() {
        return ChangelogMode.insertOnly();
    }

    @Override
    public ScanRuntimeProvider getScanRuntimeProvider(ScanContext context) {
        return SourceProvider.of(JdbcSource.of(config, dialect, identifier), parallelism);
    }

    @Override
    public LookupRuntimeProvider getLookupRuntimeProvider(LookupContext context) {
        if (config.tables().size() != 1) {
            throw new org.apache.flink.table.api.ValidationException(
                    "Lookup joins need exactly one 'table-name', not a custom query or several tables.");
        }
        // The planner has pushed its projection (and metadata columns) into this source already:
        // key indices refer to the produced row, and the rows returned must have its layout.
        RowType produced = config.producedType();
        List<String> keys = new ArrayList<>();
        for (int[] path : context.getKeys()) {
            if (path[0] >= config.selectedFields().size()) {
                throw new org.apache.flink.table.api.ValidationException(
                        "A lookup join of "
                                + identifier
                                + " can only join on physical columns, not on '"
                                + produced.getFieldNames().get(path[0])
                                + "'.");
            }
            keys.add(produced.getFieldNames().get(path[0]));
        }
        JdbcLookupFunction function =
                new JdbcLookupFunction(
                        config.connection(),
                        dialect,
                        config.tables().get(0),
                        config.selectedType(),
                        keys,
                        config.metadataKeys(),
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
        List<String> names = config.physicalType().getFieldNames();
        List<String> selected =
                Arrays.stream(projectedFields).map(path -> names.get(path[0])).toList();
        config = config.withProjection(selected, config.metadataKeys());
    }

    @Override
    public Result applyFilters(List<ResolvedExpression> filters) {
        JdbcFilters translator = new JdbcFilters(dialect);
        List<ResolvedExpression> accepted = new ArrayList<>();
        List<String> conditions = new ArrayList<>();
        List<Serializable> params = new ArrayList<>(config.filterParams());
        if (config.filterSql() != null) {
            conditions.add(config.filterSql());
        }
        for (ResolvedExpression filter : filters) {
            Optional<String> sql = translator.translate(filter, params);
            if (sql.isPresent()) {
                conditions.add(sql.get());
                accepted.add(filter);
            }
        }
        if (!accepted.isEmpty()) {
            config = config.withFilter(String.join(" AND ", conditions), params);
        }
        // Flink applies every filter again: a pushed filter only reduces what is read.
        return Result.of(accepted, filters);
    }

    @Override
    public void applyLimit(long limit) {
        config = config.withLimit(limit);
    }

    @Override
    public Map<String, DataType> listReadableMetadata() {
        Map<String, DataType> metadata = new LinkedHashMap<>();
        metadata.put(JdbcReadConfig.METADATA_DATABASE, DataTypes.STRING().nullable());
        metadata.put(JdbcReadConfig.METADATA_TABLE, DataTypes.STRING().nullable());
        return metadata;
    }

    @Override
    public void applyReadableMetadata(List<String> metadataKeys, DataType producedDataType) {
        config = config.withProjection(config.selectedFields(), List.copyOf(metadataKeys));
    }

    @Override
    public DynamicTableSource copy() {
        return new JdbcDynamicTableSource(
                identifier, dialect, config, parallelism, cache, lookupMaxRetries);
    }

    @Override
    public String asSummaryString() {
        return identifier;
    }
}
