package org.flinkx.connector.es.config;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.DescribedEnum;
import org.apache.flink.configuration.description.InlineElement;
import org.apache.flink.configuration.description.TextElement;

/** How the source reads: see {@link EsOptions#SCAN_MODE}. */
@PublicEvolving
public enum ScanMode implements DescribedEnum {
    AUTO("'pit' where the server has point in time, else 'scroll'."),
    PIT("Slices of a point-in-time search, search_after."),
    SCROLL("Slices of a scroll.");

    private final String description;

    ScanMode(String description) {
        this.description = description;
    }

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public InlineElement getDescription() {
        return TextElement.text(description);
    }
}
