package org.flinkx.connector.common.text;

import org.apache.flink.annotation.Internal;

/** Names written as regular expressions that match them alone (table include lists). */
@Internal
public final class LiteralPatterns {

    private LiteralPatterns() {}

    /**
     * {@code name} as a regular expression matching it alone: every character but letters, digits
     * and {@code _} escaped with a backslash (a comma so becomes {@code \,}, which Debezium's and
     * {@code flinkx-binlog}'s table lists read as a comma inside an expression).
     */
    public static String of(String name) {
        StringBuilder out = new StringBuilder(name.length() + 8);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!Character.isLetterOrDigit(c) && c != '_') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
