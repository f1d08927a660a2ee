package org.flinkx.connector.starrocks.sink;

import org.apache.flink.annotation.Internal;

/**
 * What a writer checkpoints: the parts of its labels (prefix, table, run id, subtask) and the
 * number of its next one. A restored writer probes the labels from that number on (see {@link
 * Labels}) and rolls back the transactions an earlier attempt left open; after a rescale a writer
 * gets the states of other subtasks and cleans up after them too.
 */
@Internal
public record StarRocksWriterState(
        String labelPrefix, String table, String run, int subtask, long nextNumber) {}
