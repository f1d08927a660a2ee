package org.flinkx.connector.binlog.config;

import static org.apache.flink.configuration.description.TextElement.text;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.DescribedEnum;
import org.apache.flink.configuration.description.InlineElement;

/** Where a fresh binlog source starts (a restored one resumes from its checkpointed position). */
@PublicEvolving
public enum StartupMode implements DescribedEnum {
    INITIAL(
            "initial",
            "Read a consistent snapshot of the captured tables, then the binlog from the snapshot's position."),
    LATEST("latest", "Only changes from the current end of the binlog on (no snapshot)."),
    EARLIEST(
            "earliest",
            "Every change still in the server's binlog files, from the oldest file on (no snapshot)."),
    SPECIFIC_OFFSET(
            "specific-offset",
            "Changes from 'scan.startup.specific-offset.file' / '.pos' on (no snapshot)."),
    GTID(
            "gtid",
            "Changes after the GTID set 'scan.startup.gtid' (MariaDB: e.g. '0-1-1234'; no snapshot)."),
    TIMESTAMP(
            "timestamp",
            "Changes committed at or after 'scan.startup.timestamp-millis' (no snapshot): the binlog "
                    + "is read from its oldest file and earlier events are skipped.");

    private final String name;
    private final String description;

    StartupMode(String name, String description) {
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
