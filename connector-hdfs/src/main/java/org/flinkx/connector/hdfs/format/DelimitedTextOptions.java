package org.flinkx.connector.hdfs.format;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.types.logical.RowType;
import org.flinkx.connector.common.convert.FlinkValues;

/**
 * Planning-time checks of the {@code text} format's options: the column types it can hold, the
 * delimiter (one character, literal or a Java escape) and the null literal. {@link
 * DelimitedTextCodec} encodes and decodes the lines.
 */
@Internal
public final class DelimitedTextOptions {

    /** Fails at planning when a column has a type this format cannot hold. */
    public static void validate(RowType rowType, String formatOption) {
        for (RowType.RowField field : rowType.getFields()) {
            if (!FlinkValues.isScalar(field.getType())) {
                throw new ValidationException(
                        String.format(
                                "Column '%s' has type %s, which '%s' = 'text' cannot hold. Use 'json', "
                                        + "'parquet' or 'orc' for nested types.",
                                field.getName(), field.getType(), formatOption));
            }
        }
    }

    /** Reads a delimiter option: one character, given literally or as a Java escape. */
    public static char parseDelimiter(String key, String value) {
        String unescaped = unescapeJava(value);
        if (unescaped.length() != 1) {
            throw new ValidationException(
                    String.format(
                            "'%s' must be a single character (e.g. ',', '\\t' or '\\u0001'), but is '%s'.",
                            key, value));
        }
        char c = unescaped.charAt(0);
        if (c == '\n' || c == '\r' || c == DelimitedTextCodec.ESCAPE) {
            throw new ValidationException(
                    String.format(
                            "'%s' must not be a line break or a backslash, but is '%s'.",
                            key, value));
        }
        return c;
    }

    private static String unescapeJava(String value) {
        if (value.startsWith("\\u") && value.length() == 6) {
            return String.valueOf((char) Integer.parseInt(value.substring(2), 16));
        }
        if (value.length() == 4
                && value.startsWith("\\")
                && value.substring(1).chars().allMatch(Character::isDigit)) {
            return String.valueOf((char) Integer.parseInt(value.substring(1), 8));
        }
        switch (value) {
            case "\\t":
                return "\t";
            case "\\001":
                return "\u0001";
            default:
                return value;
        }
    }

    /** Fails at planning for a null literal that strings could not be told apart from. */
    public static void validateNullLiteral(String key, String literal, char delimiter) {
        if (literal.indexOf(delimiter) >= 0
                || literal.indexOf('\n') >= 0
                || literal.indexOf('\r') >= 0
                || DelimitedTextCodec.plainlyEscapable(literal) < 0) {
            throw new ValidationException(
                    String.format(
                            "'%s' must not contain the delimiter or a line break and needs a character "
                                    + "other than 'n' and 'r' (e.g. \\N or NULL), but is '%s'.",
                            key, literal));
        }
    }

    private DelimitedTextOptions() {}
}
