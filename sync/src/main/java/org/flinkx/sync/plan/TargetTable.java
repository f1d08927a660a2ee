package org.flinkx.sync.plan;

import java.util.List;
import java.util.Map;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.catalog.ObjectPath;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.flinkx.connector.jdbc.catalog.DatabaseColumn;

/**
 * A table a sync writes: the source tables routed to it, its columns (origin columns first, then
 * the sources' columns) both as the source database describes them and as Flink types, its key and
 * its sink options.
 *
 * @param path the target table, {@code database.table}
 * @param sources the source tables, sorted
 * @param columns the columns as the source database describes them (for StarRocks' byte lengths)
 * @param schema the columns as Flink types, with the primary key
 * @param originColumns the origin columns' names, in order, and what each holds
 * @param options the sink options of this target (the sink's, under its rule's)
 * @param ruleOptions the options its rule gives (part of {@code options})
 */
@Internal
public record TargetTable(
        ObjectPath path,
        List<ObjectPath> sources,
        List<DatabaseColumn> columns,
        ResolvedSchema schema,
        Map<String, String> originColumns,
        Map<String, String> options,
        Map<String, String> ruleOptions) {

    /** The key's columns, in order (empty without a key). */
    public List<String> primaryKey() {
        return schema.getPrimaryKey().map(k -> k.getColumns()).orElse(List.of());
    }
}
