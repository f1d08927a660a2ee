package org.flinkx.connector.es.convert;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.data.TimestampData;

/**
 * Dates and times as Elasticsearch's {@code date} fields take and give them: ISO-8601 text (a
 * zone-less date-time is UTC), or a number of milliseconds since the epoch.
 */
@Internal
final class Temporal {

    private Temporal() {}

    static String date(int epochDay) {
        return LocalDate.ofEpochDay(epochDay).toString();
    }

    static String time(int millisOfDay) {
        return LocalTime.ofNanoOfDay(millisOfDay * 1_000_000L)
                .format(DateTimeFormatter.ISO_LOCAL_TIME);
    }

    static String timestamp(TimestampData timestamp) {
        return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(timestamp.toLocalDateTime());
    }

    static String instant(TimestampData timestamp) {
        return DateTimeFormatter.ISO_INSTANT.format(timestamp.toInstant());
    }

    /**
     * A date, date-time or epoch-millis text as a UTC date-time. The usual shapes ({@code
     * 2024-05-01}, {@code 2024-05-01T10:00:00.123}) are read without a formatter; every other text,
     * and these when they are no valid date, as {@link LocalDateTime#parse}, {@link
     * OffsetDateTime#parse} or else {@link LocalDate#parse} reads it (whose error is the one
     * thrown).
     */
    static LocalDateTime parseDateTime(String text) {
        String value = text.trim();
        if (!value.isEmpty()
                && value.chars().allMatch(c -> c >= '0' && c <= '9' || c == '-')
                && value.indexOf('-', 1) < 0) {
            return fromEpochMillis(Long.parseLong(value));
        }
        LocalDateTime plain = IsoShapes.dateTime(value);
        if (plain != null) {
            return plain;
        }
        String iso = value.replace(' ', 'T');
        int t = iso.indexOf('T');
        if (t >= 0) { // without a 'T' neither a date-time nor one with an offset: a date alone
            // at most one of the two parses a text: try first the one its offset suggests
            boolean offset = hasOffset(iso, t);
            try {
                return offset ? withOffset(iso) : LocalDateTime.parse(iso);
            } catch (DateTimeParseException e) {
                // the other one, or a date alone
            }
            try {
                return offset ? LocalDateTime.parse(iso) : withOffset(iso);
            } catch (DateTimeParseException e) {
                // a date alone
            }
        }
        return LocalDate.parse(value).atStartOfDay();
    }

    private static boolean hasOffset(String iso, int t) {
        for (int i = t + 1; i < iso.length(); i++) {
            char c = iso.charAt(i);
            if (c == 'Z' || c == '+' || c == '-') {
                return true;
            }
        }
        return false;
    }

    private static LocalDateTime withOffset(String iso) {
        return OffsetDateTime.parse(iso).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
    }

    static LocalDateTime fromEpochMillis(long millis) {
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
    }
}
