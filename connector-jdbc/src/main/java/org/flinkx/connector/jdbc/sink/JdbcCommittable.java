package org.flinkx.connector.jdbc.sink;

import org.apache.flink.annotation.Internal;
import org.flinkx.connector.common.sink.TransactionId;

/** A prepared XA transaction, waiting for its checkpoint to complete. */
@Internal
public record JdbcCommittable(TransactionId transaction) {}
