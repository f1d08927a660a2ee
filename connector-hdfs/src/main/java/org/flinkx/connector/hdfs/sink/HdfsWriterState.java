package org.flinkx.connector.hdfs.sink;

import org.apache.flink.annotation.Internal;

/**
 * What a writer keeps in checkpoints: the id of the run its files belong to, so that a job resumed
 * from a savepoint (with a new job id) keeps naming and recognising its files as before.
 */
@Internal
public record HdfsWriterState(String runId) {}
