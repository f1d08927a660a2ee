package org.flinkx.launcher;

import java.util.Locale;
import java.util.OptionalLong;

/**
 * One statement of a {@code .sql} file.
 *
 * @param sql the statement text, without its leading comments and its terminating {@code ;}
 * @param line the 1-based line of the file on which the statement starts
 * @param expected the value of a {@code -- expect: <integer>} comment right before the statement
 */
record SqlStatement(String sql, int line, OptionalLong expected) {

    /** The statement's first word in upper case, e.g. {@code SELECT}. */
    String keyword() {
        int end = 0;
        while (end < sql.length() && Character.isLetter(sql.charAt(end))) {
            end++;
        }
        return sql.substring(0, end).toUpperCase(Locale.ROOT);
    }
}
