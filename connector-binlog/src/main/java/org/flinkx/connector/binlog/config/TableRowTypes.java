package org.flinkx.connector.binlog.config;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.logical.RowType;
import org.flinkx.connector.common.text.LiteralPatterns;

/**
 * The schema of a source with a row per table ({@code 'scan.rows' = 'per-table'}): one nested
 * {@code ROW} column per captured table, named {@code database.table}, with that table's columns.
 * Each emitted row sets only the column of the table it comes from (the others are NULL) and
 * carries the change's kind, so one reader serves tables of different columns:
 *
 * <pre>{@code
 * CREATE TABLE changes (
 *   `shop.orders` ROW<`id` BIGINT NOT NULL, `total` DECIMAL(10, 2)>,
 *   `shop.customers` ROW<`id` INT NOT NULL, `name` VARCHAR(64)>
 * ) WITH ('connector' = 'flinkx-binlog', 'scan.rows' = 'per-table', ...);
 *
 * INSERT INTO orders_copy SELECT c.`shop.orders`.* FROM changes c WHERE c.`shop.orders` IS NOT NULL;
 * }</pre>
 */
@PublicEvolving
public final class TableRowTypes {

    private TableRowTypes() {}

    /**
     * The captured tables of a per-table schema, in column order, each with its columns; a column
     * that is no ROW or whose name is no {@code database.table} is refused, naming it.
     */
    public static Map<String, RowType> of(RowType physical) {
        Map<String, RowType> tables = new LinkedHashMap<>();
        for (RowType.RowField field : physical.getFields()) {
            String name = field.getName();
            int dot = name.indexOf('.');
            if (field.getType().getTypeRoot() != LogicalTypeRoot.ROW
                    || dot <= 0
                    || dot == name.length() - 1
                    || name.indexOf('.', dot + 1) >= 0
                    || name.indexOf(',') >= 0) {
                throw new ValidationException(
                        String.format(
                                "With 'scan.rows' = 'per-table' every column is a captured table: a ROW of "
                                        + "its columns named 'database.table' (no further dot or comma). "
                                        + "Column '%s' is %s.",
                                name, field.getType().asSummaryString()));
            }
            tables.put(name, (RowType) field.getType());
        }
        if (tables.isEmpty()) {
            throw new ValidationException(
                    "With 'scan.rows' = 'per-table' the table needs one ROW column per captured table.");
        }
        return Collections.unmodifiableMap(tables);
    }

    /** Regular expressions (as {@code tables} takes them) that capture exactly these tables. */
    public static List<String> patterns(Collection<String> tables) {
        return tables.stream().map(LiteralPatterns::of).toList();
    }
}
