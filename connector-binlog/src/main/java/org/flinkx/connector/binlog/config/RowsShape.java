package org.flinkx.connector.binlog.config;

import static org.apache.flink.configuration.description.TextElement.text;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.DescribedEnum;
import org.apache.flink.configuration.description.InlineElement;

/** {@code scan.rows}: whether all captured tables share the declared columns. */
@PublicEvolving
public enum RowsShape implements DescribedEnum {
    SHARED("shared", "the declared columns, matched by name in every captured table"),
    PER_TABLE(
            "per-table",
            "one ROW column per captured table, named 'database.table', with that table's columns "
                    + "(the tables are these columns; 'tables' is not set)");

    private final String name;
    private final String description;

    RowsShape(String name, String description) {
        this.name = name;
        this.description = description;
    }

    @Override
    public String toString() {
        return name;
    }

    @Override
    public InlineElement getDescription() {
        return text(name + ": " + description);
    }
}
