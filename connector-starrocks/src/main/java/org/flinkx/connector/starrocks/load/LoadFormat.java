package org.flinkx.connector.starrocks.load;

import java.io.Serializable;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.annotation.Internal;

/**
 * How rows are written into a load's body, read from the Stream Load properties the user gave
 * ({@code format}, {@code column_separator}, {@code row_delimiter}, {@code enclose}): CSV (the
 * default, tab and newline) or JSON (an array of objects, {@code strip_outer_array}). The
 * properties themselves go to StarRocks unchanged as headers; this is the sink's reading of them.
 *
 * @param enclose the CSV enclose character, or null when none is configured
 */
@Internal
public record LoadFormat(
        boolean json, String columnSeparator, String rowDelimiter, Character enclose)
        implements Serializable {

    public static final String FORMAT = "format";
    public static final String COLUMN_SEPARATOR = "column_separator";
    public static final String ROW_DELIMITER = "row_delimiter";
    public static final String ENCLOSE = "enclose";
    public static final String ESCAPE = "escape";
    public static final String STRIP_OUTER_ARRAY = "strip_outer_array";

    /**
     * Reads the properties; throws IllegalArgumentException naming the property and the allowed
     * values.
     */
    public static LoadFormat of(Map<String, String> properties) {
        String format = properties.getOrDefault(FORMAT, "csv").trim().toLowerCase(Locale.ROOT);
        if (!format.equals("csv") && !format.equals("json")) {
            throw new IllegalArgumentException(
                    "'sink.properties.format' = '"
                            + properties.get(FORMAT)
                            + "' is not a format the sink writes; allowed: [csv, json].");
        }
        if (properties.containsKey(ESCAPE)) {
            throw new IllegalArgumentException(
                    "'sink.properties.escape' is not supported: the sink encloses values that "
                            + "need it when 'sink.properties.enclose' is set (or use "
                            + "'sink.properties.format' = 'json').");
        }
        if (format.equals("json")) {
            String strip = properties.get(STRIP_OUTER_ARRAY);
            if (strip != null && !strip.trim().equalsIgnoreCase("true")) {
                throw new IllegalArgumentException(
                        "'sink.properties.strip_outer_array' = '"
                                + strip
                                + "': the sink sends each batch as one JSON array; allowed: [true].");
            }
            return new LoadFormat(true, null, null, null);
        }
        String separator = unescape(properties.getOrDefault(COLUMN_SEPARATOR, "\\t"));
        String delimiter = unescape(properties.getOrDefault(ROW_DELIMITER, "\\n"));
        if (separator.isEmpty() || delimiter.isEmpty()) {
            throw new IllegalArgumentException(
                    "'sink.properties.column_separator' and 'sink.properties.row_delimiter' must "
                            + "not be empty.");
        }
        Character enclose = null;
        String encloseValue = properties.get(ENCLOSE);
        if (encloseValue != null) {
            String c = unescape(encloseValue);
            if (c.length() != 1) {
                throw new IllegalArgumentException(
                        "'sink.properties.enclose' = '"
                                + encloseValue
                                + "' must be one character, such as '\"'.");
            }
            enclose = c.charAt(0);
            if (separator.indexOf(enclose) >= 0 || delimiter.indexOf(enclose) >= 0) {
                throw new IllegalArgumentException(
                        "'sink.properties.enclose' must differ from the column separator and the "
                                + "row delimiter.");
            }
        }
        return new LoadFormat(false, separator, delimiter, enclose);
    }

    /**
     * StarRocks' escapes in separators: {@code \xHH} (any number of them), {@code \t}, {@code \n},
     * {@code \r}; other text is literal.
     */
    public static String unescape(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                char next = value.charAt(i + 1);
                if ((next == 'x' || next == 'X') && i + 3 < value.length()) {
                    String hex = value.substring(i + 2, i + 4);
                    try {
                        out.append((char) Integer.parseInt(hex, 16));
                        i += 3;
                        continue;
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(
                                "'\\x" + hex + "' in '" + value + "' is not a hex escape.");
                    }
                }
                String simple =
                        switch (next) {
                            case 't' -> "\t";
                            case 'n' -> "\n";
                            case 'r' -> "\r";
                            default -> null;
                        };
                if (simple != null) {
                    out.append(simple);
                    i++;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }
}
