package org.flinkx.connector.starrocks.sink;

import org.apache.flink.annotation.Internal;

/** A prepared Stream Load transaction, waiting for its checkpoint to complete. */
@Internal
public record StarRocksCommittable(String database, String table, String label) {}
