package org.flinkx.launcher.json;

/** Quoting for the generated Flink SQL. */
final class Sql {

    private Sql() {}

    /** {@code `name`}, with backticks inside doubled. */
    static String identifier(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    /** {@code 'text'}, with quotes inside doubled. */
    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
