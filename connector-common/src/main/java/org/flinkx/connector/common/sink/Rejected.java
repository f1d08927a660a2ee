package org.flinkx.connector.common.sink;

import org.apache.flink.annotation.PublicEvolving;

/**
 * A row the target refused while the rest of its batch was written: it goes to dirty storage and
 * counts against the error limit.
 *
 * @param location where it was to be written (a table, a file), never with a password
 * @param record the row rendered as text
 * @param kind the kind of error, for the {@code flinkx.dirty.<kind>} metric
 * @param error what the target answered
 */
@PublicEvolving
public record Rejected(String location, String record, String kind, Throwable error) {}
