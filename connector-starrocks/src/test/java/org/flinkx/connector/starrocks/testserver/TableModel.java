package org.flinkx.connector.starrocks.testserver;

/** The StarRocks table models the test server keeps, and one for loads larger than memory. */
public enum TableModel {
    /** Every loaded row is kept, duplicates included; {@code __op} is not accepted. */
    DUPLICATE_KEY,
    /** One row per key: a load upserts by key, {@code __op = 1} deletes it. */
    PRIMARY_KEY,
    /**
     * A duplicate-key table that keeps no rows, only their count and the sum of the first column's
     * values ({@link StarRocksTestServer#counted}): for loads larger than the test's heap.
     */
    COUNTING
}
