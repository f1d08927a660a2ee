package org.flinkx.connector.common.split;

import org.apache.flink.annotation.PublicEvolving;

/**
 * The smallest and the largest non-null key of the rows to chunk and how many rows have a non-null
 * key. The count may be an estimate (table statistics): chunk sizes then follow the estimate.
 */
@PublicEvolving
public record KeyRange<K>(K min, K max, long rows) {}
