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

    /** A date, date-time or epoch-millis text as a UTC date-time. */
    static LocalDateTime parseDateTime(String text) {
        String value = text.trim();
        if (!value.isEmpty()
                && value.chars().allMatch(c -> c >= '0' && c <= '9' || c == '-')
                && value.indexOf('-', 1) < 0) {
            return fromEpochMillis(Long.parseLong(value));
        }
        try {
            return LocalDateTime.parse(value.replace(' ', 'T'));
        } catch (DateTimeParseException e) {
            // with a zone, or a date alone
        }
        try {
            return OffsetDateTime.parse(value.replace(' ', 'T'))
                    .withOffsetSameInstant(ZoneOffset.UTC)
                    .toLocalDateTime();
        } catch (DateTimeParseException e) {
            // a date alone
        }
        return LocalDate.parse(value).atStartOfDay();
    }

    static LocalDateTime fromEpochMillis(long millis) {
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
    }
}
