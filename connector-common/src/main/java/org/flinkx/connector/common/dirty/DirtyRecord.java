package org.flinkx.connector.common.dirty;

import org.apache.flink.annotation.Internal;

/**
 * A record that could not be read or written, with what went wrong.
 *
 * @param connector the connector identifier, e.g. {@code flinkx-postgresql}
 * @param location where the record was read from or written to (a table, a file), never a password
 * @param record the record rendered as text
 * @param errorKind a short error category, e.g. {@code constraint-violation}
 * @param error the error message
 */
@Internal
public record DirtyRecord(
        String connector, String location, String record, String errorKind, String error) {}
