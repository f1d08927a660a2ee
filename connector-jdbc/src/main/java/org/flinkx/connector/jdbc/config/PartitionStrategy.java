package org.flinkx.connector.jdbc.config;

import static org.apache.flink.configuration.description.TextElement.text;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.DescribedEnum;
import org.apache.flink.configuration.description.InlineElement;

/** How a table is cut into splits on the partition column. */
@PublicEvolving
public enum PartitionStrategy implements DescribedEnum {
    RANGE(
            "range",
            "Contiguous key ranges between the column's minimum and maximum (or the given bounds)."),
    MOD("mod", "FlinkX's modulus split: split i reads the rows with ABS(MOD(column, n)) = i.");

    private final String value;
    private final String description;

    PartitionStrategy(String value, String description) {
        this.value = value;
        this.description = description;
    }

    @Override
    public String toString() {
        return value;
    }

    @Override
    public InlineElement getDescription() {
        return text(description);
    }
}
