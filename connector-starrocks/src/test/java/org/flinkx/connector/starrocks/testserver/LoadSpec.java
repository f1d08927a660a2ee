package org.flinkx.connector.starrocks.testserver;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The Stream Load headers the test server understands, parsed once per request: {@code format},
 * {@code column_separator}, {@code row_delimiter} (with {@code \xHH} escapes), {@code columns},
 * {@code enclose}, {@code escape}, {@code strip_outer_array}, {@code jsonpaths}, {@code
 * max_filter_ratio}, {@code partial_update}. Other headers are ignored.
 */
record LoadSpec(
        boolean json,
        String columnSeparator,
        String rowDelimiter,
        List<String> columns,
        Character enclose,
        Character escape,
        boolean stripOuterArray,
        String jsonPaths,
        double maxFilterRatio,
        boolean partialUpdate) {

    static LoadSpec from(Function<String, String> header) {
        String format = header.apply("format");
        boolean json = format != null && format.trim().equalsIgnoreCase("json");
        if (format != null && !json && !format.trim().equalsIgnoreCase("csv")) {
            throw new IllegalArgumentException("unknown data format: " + format);
        }
        String separator = unescape(header.apply("column_separator"), "\t");
        String delimiter = unescape(header.apply("row_delimiter"), "\n");
        if (separator.isEmpty() || delimiter.isEmpty()) {
            throw new IllegalArgumentException(
                    "column_separator and row_delimiter cannot be empty");
        }
        List<String> columns = new ArrayList<>();
        String columnsHeader = header.apply("columns");
        if (columnsHeader != null && !columnsHeader.isBlank()) {
            for (String column : columnsHeader.split(",")) {
                columns.add(column.trim().replace("`", ""));
            }
        }
        String ratio = header.apply("max_filter_ratio");
        return new LoadSpec(
                json,
                separator,
                delimiter,
                List.copyOf(columns),
                singleChar(header.apply("enclose"), "enclose"),
                singleChar(header.apply("escape"), "escape"),
                "true".equalsIgnoreCase(trim(header.apply("strip_outer_array"))),
                header.apply("jsonpaths"),
                ratio == null ? 0.0 : Double.parseDouble(ratio.trim()),
                "true".equalsIgnoreCase(trim(header.apply("partial_update"))));
    }

    /** {@code \x01}-style hex escapes (any number of them), {@code \t}, {@code \n}, {@code \r}. */
    static String unescape(String value, String fallback) {
        if (value == null) {
            return fallback;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                char next = value.charAt(i + 1);
                if ((next == 'x' || next == 'X') && i + 3 < value.length()) {
                    out.append((char) Integer.parseInt(value.substring(i + 2, i + 4), 16));
                    i += 3;
                    continue;
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

    private static Character singleChar(String value, String name) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        String c = unescape(value, value);
        if (c.length() != 1) {
            throw new IllegalArgumentException(name + " must be a single character: " + value);
        }
        return c.charAt(0);
    }

    private static String trim(String value) {
        return value == null ? null : value.trim().toLowerCase(Locale.ROOT);
    }
}
