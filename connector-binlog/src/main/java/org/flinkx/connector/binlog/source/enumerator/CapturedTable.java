package org.flinkx.connector.binlog.source.enumerator;

import java.io.Serializable;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;

/**
 * A table the snapshot reads, and the integer primary key column it is chunked by (null: no single
 * integer primary key; the table is read as one chunk).
 */
@Internal
public record CapturedTable(String database, String table, @Nullable String keyColumn)
        implements Serializable {}
