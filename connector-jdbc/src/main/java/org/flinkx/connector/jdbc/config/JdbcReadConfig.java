package org.flinkx.connector.jdbc.config;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.VarCharType;
import org.flinkx.connector.common.options.DirtyDataConfig;
import org.flinkx.connector.common.options.ErrorLimit;
import org.flinkx.connector.common.options.RateLimit;

/**
 * Everything the JDBC source needs, validated once by the factory or the builder.
 *
 * @param connection the first (or only) server
 * @param shardUrls further servers holding the same tables (sharded read), may be empty
 * @param tables tables to read (several for a sharded read); empty when {@code query} is set
 * @param query a custom SELECT used instead of a table, or null
 * @param where a condition added to every query, or null
 * @param physicalType all physical columns with their Flink types
 * @param selectedFields the physical columns the source produces, in order
 * @param metadataKeys the metadata columns appended after them ({@code database_name}, {@code
 *     table_name})
 * @param filterSql pushed-down filters as SQL with {@code ?} parameters, or null
 * @param filterParams the parameters of {@code filterSql}
 * @param bulkRead whether splits may be read with the dialect's bulk path (PostgreSQL COPY TO)
 * @param partitionColumn column to split on, or null for one split per table
 * @param strategy range or mod
 * @param partitionCount number of splits per table, 0 for the source parallelism
 * @param lowerBound lower bound of the range strategy, or null to query the minimum
 * @param upperBound upper bound of the range strategy, or null to query the maximum
 * @param fetchSize rows fetched per round trip
 * @param incrementalColumn the increasing column of an incremental sync, or null
 * @param incrementalStart rows with the column above this value are read, or null for all
 * @param pollingInterval how often a continuous incremental sync looks for new rows; null when the
 *     source is bounded
 * @param limit at most this many rows per split, or -1
 */
@PublicEvolving
public record JdbcReadConfig(
        JdbcConnectionConfig connection,
        List<String> shardUrls,
        List<String> tables,
        String query,
        String where,
        RowType physicalType,
        List<String> selectedFields,
        List<String> metadataKeys,
        String filterSql,
        List<Serializable> filterParams,
        String partitionColumn,
        PartitionStrategy strategy,
        int partitionCount,
        Object lowerBound,
        Object upperBound,
        int fetchSize,
        String incrementalColumn,
        Object incrementalStart,
        Duration pollingInterval,
        long limit,
        RateLimit rateLimit,
        ErrorLimit errorLimit,
        DirtyDataConfig dirtyData,
        boolean bulkRead)
        implements Serializable {

    public static final String METADATA_DATABASE = "database_name";
    public static final String METADATA_TABLE = "table_name";

    /** The value of metadata column {@code key} for a row of {@code table} in {@code database}. */
    public static String metadataValue(String key, String database, String table) {
        return METADATA_DATABASE.equals(key) ? database : table;
    }

    public boolean isBounded() {
        return pollingInterval == null;
    }

    /** The connection of shard {@code index} (0 is {@code url}). */
    public JdbcConnectionConfig shard(int index) {
        return index == 0 ? connection : connection.withUrl(shardUrls.get(index - 1));
    }

    public int shardCount() {
        return 1 + shardUrls.size();
    }

    /** The tables to read; a custom query counts as one table named null. */
    public List<String> tablesOrQuery() {
        if (query != null) {
            List<String> single = new ArrayList<>();
            single.add(null);
            return single;
        }
        return tables;
    }

    /** The Flink type of a physical column. */
    public LogicalType typeOf(String column) {
        int index = physicalType.getFieldNames().indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException("No column " + column);
        }
        return physicalType.getTypeAt(index);
    }

    /**
     * The type of the rows the source produces, by scan and by lookup alike: the selected physical
     * columns in the order the planner asked for them, then the metadata columns.
     */
    public RowType producedType() {
        List<RowType.RowField> fields = new ArrayList<>(selectedType().getFields());
        for (String key : metadataKeys) {
            fields.add(new RowType.RowField(key, new VarCharType(true, VarCharType.MAX_LENGTH)));
        }
        return new RowType(fields);
    }

    /** The type of the selected physical columns alone, in the order they are produced. */
    public RowType selectedType() {
        return rowTypeOf(selectedFields);
    }

    /** The physical columns {@code names}, in that order. */
    public RowType rowTypeOf(List<String> names) {
        List<RowType.RowField> fields = new ArrayList<>();
        for (String name : names) {
            fields.add(physicalType.getFields().get(physicalType.getFieldIndex(name)));
        }
        return new RowType(false, fields);
    }

    public JdbcReadConfig withProjection(List<String> fields, List<String> metadata) {
        return new JdbcReadConfig(
                connection,
                shardUrls,
                tables,
                query,
                where,
                physicalType,
                fields,
                metadata,
                filterSql,
                filterParams,
                partitionColumn,
                strategy,
                partitionCount,
                lowerBound,
                upperBound,
                fetchSize,
                incrementalColumn,
                incrementalStart,
                pollingInterval,
                limit,
                rateLimit,
                errorLimit,
                dirtyData,
                bulkRead);
    }

    public JdbcReadConfig withFilter(String sql, List<Serializable> params) {
        return new JdbcReadConfig(
                connection,
                shardUrls,
                tables,
                query,
                where,
                physicalType,
                selectedFields,
                metadataKeys,
                sql,
                params,
                partitionColumn,
                strategy,
                partitionCount,
                lowerBound,
                upperBound,
                fetchSize,
                incrementalColumn,
                incrementalStart,
                pollingInterval,
                limit,
                rateLimit,
                errorLimit,
                dirtyData,
                bulkRead);
    }

    public JdbcReadConfig withLimit(long newLimit) {
        return new JdbcReadConfig(
                connection,
                shardUrls,
                tables,
                query,
                where,
                physicalType,
                selectedFields,
                metadataKeys,
                filterSql,
                filterParams,
                partitionColumn,
                strategy,
                partitionCount,
                lowerBound,
                upperBound,
                fetchSize,
                incrementalColumn,
                incrementalStart,
                pollingInterval,
                newLimit,
                rateLimit,
                errorLimit,
                dirtyData,
                bulkRead);
    }
}
