package org.flinkx.connector.binlog.source;

import org.apache.flink.api.connector.source.SourceSplit;

import javax.annotation.Nullable;

import java.util.List;

/**
 * The binlog stream: one split, read by one reader. It carries Debezium's source offset of the last
 * row emitted (JSON; null before the first row) and the schema history the reader needs to
 * interpret events from there on.
 */
public record BinlogSplit(@Nullable String offset, List<String> schemaHistory) implements SourceSplit {

    public static final String ID = "binlog";

    @Override
    public String splitId() {
        return ID;
    }
}
