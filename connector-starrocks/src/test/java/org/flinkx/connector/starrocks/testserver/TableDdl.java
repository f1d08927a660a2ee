package org.flinkx.connector.starrocks.testserver;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A primary-key table's {@code CREATE TABLE} as StarRocks' documentation describes it, parsed for
 * the test server: {@code CREATE TABLE [IF NOT EXISTS] [db.]table (name TYPE [NULL | NOT NULL],
 * ...) PRIMARY KEY (k, ...) DISTRIBUTED BY HASH (k, ...) [BUCKETS n] [PROPERTIES (...)]}, names
 * plain or in backticks. It checks the rules StarRocks documents for such tables: the key's columns
 * come first, in the key's order, are NOT NULL (stated or implied) and not FLOAT, DOUBLE or JSON;
 * the table is distributed by a hash of key columns. Anything else in the statement is refused.
 */
record TableDdl(
        String db,
        String table,
        boolean ifNotExists,
        Map<String, ColumnType> columns,
        List<String> key) {

    private static final String NAME = "(?:`((?:[^`]|``)+)`|(\\w+))";
    private static final Pattern HEAD =
            Pattern.compile(
                    "(?is)\\s*CREATE\\s+TABLE\\s+(IF\\s+NOT\\s+EXISTS\\s+)?"
                            + NAME
                            + "\\s*\\.\\s*"
                            + NAME
                            + "\\s*\\((.*)\\)\\s*PRIMARY\\s+KEY\\s*\\(([^)]*)\\)\\s*"
                            + "DISTRIBUTED\\s+BY\\s+HASH\\s*\\(([^)]*)\\)"
                            + "(?:\\s+BUCKETS\\s+[1-9][0-9]*)?"
                            + "(?:\\s*PROPERTIES\\s*\\((?:\\s*\"[^\"]*\"\\s*=\\s*\"[^\"]*\"\\s*,?)*\\))?"
                            + "\\s*;?\\s*");
    private static final Pattern COLUMN =
            Pattern.compile(
                    "(?is)\\s*"
                            + NAME
                            + "\\s+(\\w+\\s*(?:\\(\\s*\\d+\\s*(?:,\\s*\\d+\\s*)?\\))?)"
                            + "\\s*(NOT\\s+NULL|NULL)?\\s*");
    private static final Pattern LIST_ITEM = Pattern.compile("\\s*" + NAME + "\\s*");

    private static final Pattern ADD_COLUMN =
            Pattern.compile(
                    "(?is)\\s*ALTER\\s+TABLE\\s+"
                            + NAME
                            + "\\s*\\.\\s*"
                            + NAME
                            + "\\s+ADD\\s+COLUMN\\s+"
                            + NAME
                            + "\\s+(\\w+\\s*(?:\\(\\s*\\d+\\s*(?:,\\s*\\d+\\s*)?\\))?)"
                            + "(\\s+NULL)?\\s*;?\\s*");

    /**
     * A column added: {@code ALTER TABLE db.table ADD COLUMN name TYPE [NULL]} (the rows there get
     * NULL; a NOT NULL column would need a default, which this server does not keep).
     */
    record AddColumn(String db, String table, String column, ColumnType type) {}

    static AddColumn parseAddColumn(String sql) {
        Matcher m = ADD_COLUMN.matcher(sql);
        if (!m.matches()) {
            throw new IllegalArgumentException("Not an ALTER TABLE ... ADD COLUMN: " + sql);
        }
        return new AddColumn(name(m, 1), name(m, 3), name(m, 5), ColumnType.parse(m.group(7)));
    }

    static TableDdl parse(String sql) {
        Matcher m = HEAD.matcher(sql);
        if (!m.matches()) {
            throw new IllegalArgumentException("Not a primary-key CREATE TABLE: " + sql);
        }
        String db = name(m, 2);
        String table = name(m, 4);
        Map<String, ColumnType> columns = new LinkedHashMap<>();
        List<String> saidNull = new ArrayList<>();
        for (String definition : splitColumns(m.group(6))) {
            Matcher c = COLUMN.matcher(definition);
            if (!c.matches()) {
                throw new IllegalArgumentException("Not a column definition: " + definition);
            }
            String column = name(c, 1);
            if (columns.put(column, ColumnType.parse(c.group(3))) != null) {
                throw new IllegalArgumentException("Duplicate column name '" + column + "'");
            }
            if (c.group(4) != null && c.group(4).equalsIgnoreCase("NULL")) {
                saidNull.add(column);
            }
        }
        List<String> key = names(m.group(7));
        List<String> ordered = new ArrayList<>(columns.keySet());
        for (int i = 0; i < key.size(); i++) {
            String column = key.get(i);
            if (i >= ordered.size() || !ordered.get(i).equals(column)) {
                throw new IllegalArgumentException(
                        "The primary key columns must be defined first, in the key's order: "
                                + key);
            }
            String type = columns.get(column).toString().toUpperCase(Locale.ROOT);
            if (type.startsWith("FLOAT") || type.startsWith("DOUBLE") || type.startsWith("JSON")) {
                throw new IllegalArgumentException("Key column '" + column + "' is " + type);
            }
            if (saidNull.contains(column)) {
                throw new IllegalArgumentException("Key column '" + column + "' must be NOT NULL");
            }
        }
        for (String column : names(m.group(8))) {
            if (!key.contains(column)) {
                throw new IllegalArgumentException(
                        "Distribution column '" + column + "' is not in the primary key");
            }
        }
        return new TableDdl(db, table, m.group(1) != null, columns, key);
    }

    /** Splits the column list at the commas outside parentheses. */
    private static List<String> splitColumns(String body) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < body.length(); i++) {
            char ch = body.charAt(i);
            if (ch == '(') {
                depth++;
            } else if (ch == ')') {
                depth--;
            } else if (ch == ',' && depth == 0) {
                parts.add(body.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(body.substring(start));
        return parts;
    }

    private static List<String> names(String list) {
        List<String> names = new ArrayList<>();
        for (String item : list.split(",")) {
            Matcher m = LIST_ITEM.matcher(item);
            if (!m.matches()) {
                throw new IllegalArgumentException("Not a column name: " + item);
            }
            names.add(name(m, 1));
        }
        return names;
    }

    private static String name(Matcher m, int group) {
        return m.group(group) != null ? m.group(group).replace("``", "`") : m.group(group + 1);
    }
}
