package org.flinkx.sync.ddl;

import org.apache.flink.annotation.Internal;
import org.flinkx.sync.plan.TargetTable;

/** How one kind of sink's target tables are stated and created. */
@Internal
public interface TargetTables extends AutoCloseable {

    /** The {@code CREATE TABLE} of a target table, as it would run. */
    String statement(TargetTable table);

    /**
     * Creates the table (and its database) unless it exists; a table that exists is left as it is.
     *
     * @return whether the table was created
     */
    boolean create(TargetTable table);

    @Override
    void close();
}
