package org.flinkx.connector.binlog.source;

import javax.annotation.Nullable;

/** The enumerator's checkpoint: the binlog split when no reader holds it (before the first assignment). */
public record BinlogEnumState(@Nullable BinlogSplit unassigned) {}
