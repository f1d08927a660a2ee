package org.flinkx.connector.es.convert;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import javax.annotation.Nullable;

/**
 * The two shapes of ISO-8601 text that documents hold most, {@code 2024-05-01} and {@code
 * 2024-05-01T10:00:00.123} (a fraction of 1 to 9 digits, or none), read digit by digit. Any other
 * text, and these when they name no valid date or time, is left to the JDK's formatters ({@code
 * null}), so what is read and what is refused, with which message, stays theirs.
 */
final class IsoShapes {

    private static final int DATE = 10; // yyyy-MM-dd
    private static final int DATE_TIME = 19; // yyyy-MM-ddTHH:mm:ss

    private IsoShapes() {}

    /** The date-time of {@code text} (a date alone at midnight), or null: not one of the shapes. */
    @Nullable
    static LocalDateTime dateTime(String text) {
        int length = text.length();
        if (length != DATE && length < DATE_TIME) {
            return null;
        }
        if (!digits(text, 0, 4)
                || text.charAt(4) != '-'
                || !digits(text, 5, 7)
                || text.charAt(7) != '-'
                || !digits(text, 8, 10)) {
            return null;
        }
        try {
            LocalDate date =
                    LocalDate.of(number(text, 0, 4), number(text, 5, 7), number(text, 8, 10));
            if (length == DATE) {
                return date.atStartOfDay();
            }
            LocalTime time = time(text);
            return time == null ? null : LocalDateTime.of(date, time);
        } catch (DateTimeException e) {
            return null; // no such date or time: the formatter's error
        }
    }

    @Nullable
    private static LocalTime time(String text) {
        int length = text.length();
        if (text.charAt(10) != 'T'
                || !digits(text, 11, 13)
                || text.charAt(13) != ':'
                || !digits(text, 14, 16)
                || text.charAt(16) != ':'
                || !digits(text, 17, 19)) {
            return null;
        }
        int nanos = 0;
        if (length > DATE_TIME) {
            int digits = length - DATE_TIME - 1;
            if (text.charAt(DATE_TIME) != '.'
                    || digits < 1
                    || digits > 9
                    || !digits(text, DATE_TIME + 1, length)) {
                return null;
            }
            nanos = number(text, DATE_TIME + 1, length);
            for (int i = digits; i < 9; i++) {
                nanos *= 10;
            }
        }
        return LocalTime.of(
                number(text, 11, 13), number(text, 14, 16), number(text, 17, 19), nanos);
    }

    private static boolean digits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int number(String text, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            n = n * 10 + (text.charAt(i) - '0');
        }
        return n;
    }
}
