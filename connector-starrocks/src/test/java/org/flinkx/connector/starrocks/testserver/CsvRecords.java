package org.flinkx.connector.starrocks.testserver;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a CSV body into records as StarRocks 3.x does: rows end at {@code row_delimiter}, fields
 * at {@code column_separator} (both may be several characters); {@code \N} is NULL. With {@code
 * enclose}, a field that starts with the enclose character runs to the matching one, separators and
 * delimiters inside it included, and a doubled enclose character inside it is one; with {@code
 * escape}, the escape character makes the next character literal (a separator, a delimiter, the
 * enclose or the escape character). A trailing row delimiter does not make an empty last row.
 */
final class CsvRecords {

    private CsvRecords() {}

    static List<SourceRecord> parse(String body, LoadSpec spec) {
        List<SourceRecord> records = new ArrayList<>();
        String sep = spec.columnSeparator();
        String delim = spec.rowDelimiter();
        Character enclose = spec.enclose();
        Character escape = spec.escape();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean enclosed = false;
        boolean fieldWasEnclosed = false;
        int rowStart = 0;
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (escape != null && c == escape && i + 1 < body.length()) {
                char next = body.charAt(i + 1);
                // "\N" stays NULL even when the escape character is a backslash.
                field.append(
                        next == 'N' && c == '\\' && field.length() == 0
                                ? "\\N"
                                : String.valueOf(next));
                i += 2;
                continue;
            }
            if (enclosed) {
                if (c == enclose) {
                    if (i + 1 < body.length() && body.charAt(i + 1) == enclose) {
                        field.append(enclose.charValue());
                        i += 2;
                        continue;
                    }
                    enclosed = false;
                } else {
                    field.append(c);
                }
                i++;
                continue;
            }
            if (enclose != null && c == enclose && field.length() == 0 && !fieldWasEnclosed) {
                enclosed = true;
                fieldWasEnclosed = true;
                i++;
            } else if (body.startsWith(sep, i)) {
                fields.add(value(field, fieldWasEnclosed));
                field.setLength(0);
                fieldWasEnclosed = false;
                i += sep.length();
            } else if (body.startsWith(delim, i)) {
                fields.add(value(field, fieldWasEnclosed));
                records.add(SourceRecord.csv(body.substring(rowStart, i), fields));
                fields = new ArrayList<>();
                field.setLength(0);
                fieldWasEnclosed = false;
                i += delim.length();
                rowStart = i;
            } else {
                field.append(c);
                i++;
            }
        }
        if (rowStart < body.length()) {
            if (enclosed) {
                records.add(SourceRecord.bad(body.substring(rowStart), "unterminated enclose"));
            } else {
                fields.add(value(field, fieldWasEnclosed));
                records.add(SourceRecord.csv(body.substring(rowStart), fields));
            }
        }
        return records;
    }

    private static String value(StringBuilder field, boolean wasEnclosed) {
        String v = field.toString();
        return !wasEnclosed && v.equals("\\N") ? null : v;
    }
}
