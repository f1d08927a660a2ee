package org.flinkx.connector.common.dirty;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes bad records to the task log at WARN level. */
final class LogDirtySink implements DirtySink {

    private static final Logger LOG = LoggerFactory.getLogger("org.flinkx.dirty");

    @Override
    public void write(DirtyRecord record) {
        LOG.warn(
                "Dirty record from {} at {} [{}]: {} -- record: {}",
                record.connector(),
                record.location(),
                record.errorKind(),
                record.error(),
                record.record());
    }
}
