package org.flinkx.connector.jdbc.dialect;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.annotation.PublicEvolving;

/**
 * How {@code table-name} is read. The value is a comma-separated list of names (a sink takes
 * exactly one); a name is dot-separated parts ({@code table}, {@code schema.table}, {@code
 * database.table}). FlinkX quotes every part itself, so a plain part is the identifier exactly as
 * the database stores it (case kept). A part may also be written quoted as the database would
 * accept it, in double quotes or backticks with the quote character doubled inside: then dots,
 * commas and spaces in it belong to the name ({@code "public"."dot.ted"}, {@code `we``ird, x`}). A
 * quoted part is one that opens with a quote and closes with the same quote right before the next
 * {@code .}, {@code ,} or the end (spaces around it ignored); anything else is a plain part, so
 * names that worked before quoting was understood keep working.
 */
@PublicEvolving
public final class TableNames {

    /** The names of a comma-separated list, each as written (trimmed). */
    public static List<String> list(String value) {
        List<String> names = new ArrayList<>();
        Scanner scanner = new Scanner(value);
        while (!scanner.atEnd()) {
            int start = scanner.position;
            char separator;
            do {
                separator = scanner.part(null);
            } while (separator == '.');
            int end = separator == ',' ? scanner.position - 1 : value.length();
            String name = value.substring(start, end).trim();
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }

    /** The parts of one name, unquoted. */
    public static List<String> parts(String name) {
        List<String> parts = new ArrayList<>();
        Scanner scanner = new Scanner(name);
        char separator;
        do {
            StringBuilder part = new StringBuilder();
            separator = scanner.part(part);
            if (part.isEmpty()) {
                throw new IllegalArgumentException(
                        "The table name '"
                                + name
                                + "' has an empty part (see 'table-name' in the docs).");
            }
            if (separator == ',') {
                throw new IllegalArgumentException(
                        "'"
                                + name
                                + "' is a list of tables where one table is"
                                + " expected; quote a part that contains ',' (\"a,b\").");
            }
            parts.add(part.toString());
        } while (separator == '.');
        return parts;
    }

    /** Reads one part at a time; {@link #part} returns the separator after it, or 0 at the end. */
    private static final class Scanner {
        private final String text;
        private int position;

        Scanner(String text) {
            this.text = text;
        }

        boolean atEnd() {
            return position >= text.length();
        }

        char part(StringBuilder out) {
            int quotedEnd = quotedPart(position, out);
            int end = quotedEnd >= 0 ? quotedEnd : plainEnd(position);
            if (quotedEnd < 0 && out != null) {
                out.append(text, position, end);
            }
            position = end < text.length() ? end + 1 : end;
            return end < text.length() ? text.charAt(end) : 0;
        }

        private int plainEnd(int from) {
            int i = from;
            while (i < text.length() && text.charAt(i) != '.' && text.charAt(i) != ',') {
                i++;
            }
            return i;
        }

        /** The index of the separator after a well-formed quoted part at {@code from}, or -1. */
        private int quotedPart(int from, StringBuilder out) {
            int i = skipSpaces(from);
            if (i >= text.length() || (text.charAt(i) != '"' && text.charAt(i) != '`')) {
                return -1;
            }
            char quote = text.charAt(i);
            StringBuilder name = new StringBuilder();
            for (i++; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c != quote) {
                    name.append(c);
                } else if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    name.append(quote);
                    i++;
                } else {
                    int after = skipSpaces(i + 1);
                    boolean closes =
                            after >= text.length()
                                    || text.charAt(after) == '.'
                                    || text.charAt(after) == ',';
                    if (!closes) {
                        return -1;
                    }
                    if (out != null) {
                        out.append(name);
                    }
                    return after;
                }
            }
            return -1;
        }

        private int skipSpaces(int from) {
            int i = from;
            while (i < text.length() && text.charAt(i) == ' ') {
                i++;
            }
            return i;
        }
    }

    private TableNames() {}
}
