package org.flinkx.connector.starrocks.sink;

/**
 * Stream Load labels: {@code prefix-table-run-subtask-number}, at most 128 characters of letters,
 * digits, '_' and '-' (StarRocks' rule; other characters of a table name become '_', a long name is
 * cut). The run is random per writer instance, so a label is never one StarRocks kept from an
 * earlier run or attempt (it keeps labels for days); the number counts the writer's loads
 * (at-least-once) or transactions (exactly-once) without gaps, so a restore finds every transaction
 * an earlier attempt began after the checkpoint by trying numbers until one is unknown.
 */
final class Labels {

    static final int MAX_LENGTH = 128;

    private Labels() {}

    static String of(String prefix, String table, String run, int subtask, long number) {
        String tail = "-" + run + "-" + subtask + "-" + number;
        String head = clean(prefix) + "-";
        String name = clean(table);
        int room = MAX_LENGTH - head.length() - tail.length();
        if (room < name.length()) {
            name = name.substring(0, Math.max(0, room));
        }
        return head + name + tail;
    }

    /** Whether a label prefix is usable as it is. */
    static boolean isValidPrefix(String prefix) {
        return prefix.matches("[A-Za-z0-9_-]{1,64}");
    }

    private static String clean(String text) {
        return text.replaceAll("[^A-Za-z0-9_-]", "_");
    }
}
