package org.flinkx.connector.starrocks.testserver;

/** The two StarRocks table models the test server keeps. */
public enum TableModel {
    /** Every loaded row is kept, duplicates included; {@code __op} is not accepted. */
    DUPLICATE_KEY,
    /** One row per key: a load upserts by key, {@code __op = 1} deletes it. */
    PRIMARY_KEY
}
