package org.flinkx.connector.hdfs.sink;

/**
 * What a writer keeps in checkpoints: the id of the run its files belong to, so that a job resumed
 * from a savepoint (with a new job id) keeps naming and recognising its files as before.
 */
public record HdfsWriterState(String runId) {}
