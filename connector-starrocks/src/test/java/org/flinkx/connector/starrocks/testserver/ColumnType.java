package org.flinkx.connector.starrocks.testserver;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A column type of the test server, parsed from its SQL name ({@code INT}, {@code VARCHAR(20)},
 * {@code DECIMAL(10, 2)}, ...). Values stay strings; {@link #check} says why a value would be
 * filtered by StarRocks (not a number, out of range, longer in bytes than a VARCHAR's length, not a
 * date), or returns null when the value fits.
 */
final class ColumnType {

    private static final Pattern NAME =
            Pattern.compile("\\s*(\\w+)\\s*(?:\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\))?\\s*");
    private static final DateTimeFormatter DATETIME =
            new DateTimeFormatterBuilder()
                    .appendPattern("yyyy-MM-dd[ HH:mm:ss][['T']HH:mm:ss]")
                    .optionalStart()
                    .appendFraction(ChronoField.NANO_OF_SECOND, 0, 6, true)
                    .optionalEnd()
                    .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
                    .toFormatter(Locale.ROOT);

    private final String base;
    private final int length;
    private final int scale;

    private ColumnType(String base, int length, int scale) {
        this.base = base;
        this.length = length;
        this.scale = scale;
    }

    static ColumnType parse(String sqlName) {
        Matcher m = NAME.matcher(sqlName);
        if (!m.matches()) {
            throw new IllegalArgumentException("Unsupported column type: " + sqlName);
        }
        String base = m.group(1).toUpperCase(Locale.ROOT);
        int length = m.group(2) == null ? -1 : Integer.parseInt(m.group(2));
        int scale = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        switch (base) {
            case "TINYINT",
                    "SMALLINT",
                    "INT",
                    "BIGINT",
                    "LARGEINT",
                    "FLOAT",
                    "DOUBLE",
                    "DATE",
                    "DATETIME",
                    "BOOLEAN",
                    "JSON",
                    "STRING" -> {}
            case "DECIMAL" -> length = length < 0 ? 10 : length;
            case "VARCHAR" -> length = length < 0 ? 1048576 : length;
            case "CHAR" -> length = length < 0 ? 1 : length;
            default -> throw new IllegalArgumentException("Unsupported column type: " + sqlName);
        }
        return new ColumnType(base, length, scale);
    }

    /** Null when {@code value} fits this type, else the reason StarRocks would filter the row. */
    String check(String value) {
        try {
            return switch (base) {
                case "TINYINT" -> range(value, 8);
                case "SMALLINT" -> range(value, 16);
                case "INT" -> range(value, 32);
                case "BIGINT" -> range(value, 64);
                case "LARGEINT" -> range(value, 128);
                case "FLOAT", "DOUBLE" -> {
                    Double.parseDouble(value.trim());
                    yield null;
                }
                case "DECIMAL" -> decimal(value);
                case "VARCHAR", "CHAR", "STRING" -> bytes(value);
                case "DATE" -> {
                    LocalDate.parse(value.trim());
                    yield null;
                }
                case "DATETIME" -> {
                    LocalDateTime.parse(value.trim(), DATETIME);
                    yield null;
                }
                case "BOOLEAN" -> bool(value);
                case "JSON" -> Json.isValid(value) ? null : "invalid JSON: '" + value + "'";
                default -> null;
            };
        } catch (RuntimeException e) {
            return "'" + value + "' is not a valid " + this;
        }
    }

    private String range(String value, int bits) {
        BigInteger v = new BigInteger(value.trim());
        if (v.bitLength() >= bits) {
            return "'" + value + "' is out of the range of " + this;
        }
        return null;
    }

    private String decimal(String value) {
        BigDecimal v = new BigDecimal(value.trim());
        int integerDigits = v.precision() - v.scale();
        if (integerDigits > length - scale) {
            return "'" + value + "' is out of the range of " + this;
        }
        return null;
    }

    private String bytes(String value) {
        int size = value.getBytes(StandardCharsets.UTF_8).length;
        if (!base.equals("STRING") && size > length) {
            return "the length of '" + value + "' (" + size + " bytes) is longer than " + this;
        }
        return null;
    }

    private String bool(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "true", "false", "0", "1" -> null;
            default -> "'" + value + "' is not a valid BOOLEAN";
        };
    }

    @Override
    public String toString() {
        if (base.equals("DECIMAL")) {
            return "DECIMAL(" + length + "," + scale + ")";
        }
        return base.equals("VARCHAR") || base.equals("CHAR") ? base + "(" + length + ")" : base;
    }
}
