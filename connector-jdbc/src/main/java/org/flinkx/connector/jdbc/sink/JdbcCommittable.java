package org.flinkx.connector.jdbc.sink;

import org.flinkx.connector.common.sink.TransactionId;

/** A prepared XA transaction, waiting for its checkpoint to complete. */
public record JdbcCommittable(TransactionId transaction) {}
