package org.flinkx.connector.jdbc.testutils;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Random;

/**
 * A writer of random inserts, updates and deletes into a MariaDB table {@code (id BIGINT PRIMARY
 * KEY, name VARCHAR, amount DECIMAL(10,2))}, for change-capture tests: ids 26..120, one change in
 * five a delete, names with a tab, a quote and a non-ASCII character (one in ten NULL), spread over
 * time so that several checkpoints fall between them.
 */
public final class RandomChanges {

    private RandomChanges() {}

    /**
     * Makes {@code count} changes drawn from {@code seed}; the change in the middle upserts {@code
     * markedId} (when not negative), so a test can wait for a change of that id.
     */
    public static void apply(
            MariaDbServer maria, String database, String table, long seed, int count, long markedId)
            throws Exception {
        Random random = new Random(seed);
        try (Connection c = maria.connect(database);
                PreparedStatement upsert =
                        c.prepareStatement(
                                "INSERT INTO "
                                        + table
                                        + " VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE"
                                        + " name = VALUES(name), amount = VALUES(amount)");
                PreparedStatement delete =
                        c.prepareStatement("DELETE FROM " + table + " WHERE id = ?")) {
            for (int i = 0; i < count; i++) {
                boolean marked = markedId >= 0 && i == count / 2;
                long id = marked ? markedId : 26 + random.nextInt(95);
                if (!marked && random.nextInt(5) == 0) {
                    delete.setLong(1, id);
                    delete.executeUpdate();
                } else {
                    upsert.setLong(1, id);
                    upsert.setString(
                            2, random.nextInt(10) == 0 ? null : "v" + seed + "-" + i + " ✓\t\"q\"");
                    upsert.setBigDecimal(3, BigDecimal.valueOf(random.nextInt(100000), 2));
                    upsert.executeUpdate();
                }
                if (i % 20 == 0) {
                    Thread.sleep(20); // spread the changes over several checkpoints
                }
            }
        }
    }
}
