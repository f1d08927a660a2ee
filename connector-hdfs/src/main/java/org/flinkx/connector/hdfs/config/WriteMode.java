package org.flinkx.connector.hdfs.config;

import static org.apache.flink.configuration.description.TextElement.text;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.DescribedEnum;
import org.apache.flink.configuration.description.InlineElement;

/** What the sink does with files already in the target directory. */
@PublicEvolving
public enum WriteMode implements DescribedEnum {
    APPEND("append", "Add new files beside the existing ones."),
    OVERWRITE(
            "overwrite",
            "Replace the files of every directory the job writes into (the table directory, or "
                    + "each partition directory it writes). The old files are deleted by the first "
                    + "commit that publishes new files into the directory, so a job that fails "
                    + "before its first checkpoint completes leaves the old data untouched.");

    private final String name;
    private final String description;

    WriteMode(String name, String description) {
        this.name = name;
        this.description = description;
    }

    @Override
    public String toString() {
        return name;
    }

    @Override
    public InlineElement getDescription() {
        return text(description);
    }
}
