package org.flinkx.connector.jdbc.catalog;

import java.util.List;
import org.apache.flink.annotation.Internal;

/** A table's columns, in their order, and the columns of its primary key (empty if none). */
@Internal
public record DatabaseTable(List<DatabaseColumn> columns, List<String> primaryKey) {}
