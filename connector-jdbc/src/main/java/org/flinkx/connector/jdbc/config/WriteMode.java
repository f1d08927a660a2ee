package org.flinkx.connector.jdbc.config;

import static org.apache.flink.configuration.description.TextElement.text;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.DescribedEnum;
import org.apache.flink.configuration.description.InlineElement;

/** FlinkX's write modes. */
@PublicEvolving
public enum WriteMode implements DescribedEnum {
    INSERT("insert", "Plain INSERT; a row whose key exists fails and goes to dirty storage."),
    UPSERT(
            "upsert",
            "INSERT, or UPDATE when the key exists (ON DUPLICATE KEY UPDATE / ON CONFLICT DO UPDATE). Needs a primary key."),
    REPLACE(
            "replace",
            "Replace the whole row when the key exists (MySQL/MariaDB REPLACE INTO; elsewhere the same as upsert). Needs a primary key."),
    UPDATE(
            "update",
            "UPDATE the row with the key; rows whose key does not exist change nothing. Needs a primary key.");

    private final String value;
    private final String description;

    WriteMode(String value, String description) {
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
