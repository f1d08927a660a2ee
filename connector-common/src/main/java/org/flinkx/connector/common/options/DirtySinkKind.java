package org.flinkx.connector.common.options;

import static org.apache.flink.configuration.description.TextElement.text;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.DescribedEnum;
import org.apache.flink.configuration.description.InlineElement;

/** Where bad records are written. */
@PublicEvolving
public enum DirtySinkKind implements DescribedEnum {
    LOG("log", "Write each bad record and its error to the task log (WARN)."),
    FILE(
            "file",
            "Append each bad record and its error as a JSON line to a file under 'dirty.path'.");

    private final String value;
    private final String description;

    DirtySinkKind(String value, String description) {
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
