package org.flinkx.connector.es.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Dates read from documents: the shapes read without a formatter give what the JDK's formatters
 * give, and refuse what they refuse with their message.
 */
class TemporalTest {

    private static final List<String> TEXTS =
            List.of(
                    "2024-05-01",
                    "0000-01-01",
                    "2024-05-01T10:00:00",
                    "2024-05-01T10:00:00.1",
                    "2024-05-01T10:00:00.123",
                    "2024-05-01T10:00:00.123456789",
                    "2024-05-01 10:00:00.123",
                    "2024-05-01T10:00",
                    "2024-05-01T10:00:00Z",
                    "2024-05-01T10:00:00.5+02:00",
                    "2024-05-01T10:00:00-05:00",
                    " 2024-05-01T23:59:59.999 ",
                    "+12024-05-01",
                    "1714557600000",
                    "-1",
                    // refused
                    "2024-02-30",
                    "2024-13-01",
                    "2024-05-01T24:00:00",
                    "2024-05-01T10:00:60",
                    "2024-05-01T10:00:00.",
                    "2024-05-01T10:00:00.1234567890",
                    "2024-05-01T10:00:00+25:00",
                    "2024-05-01X10:00:00",
                    "2024-5-1",
                    "noon");

    @Test
    void readsAsTheFormattersRead() {
        for (String text : TEXTS) {
            LocalDateTime expected;
            try {
                expected = formatters(text);
            } catch (DateTimeParseException e) {
                assertThatThrownBy(() -> Temporal.parseDateTime(text))
                        .as(text)
                        .isInstanceOf(DateTimeParseException.class)
                        .hasMessage(e.getMessage());
                continue;
            }
            assertThat(Temporal.parseDateTime(text)).as(text).isEqualTo(expected);
        }
    }

    /** The reading before the shapes were read by hand: the formatters one after another. */
    private static LocalDateTime formatters(String text) {
        String value = text.trim();
        if (!value.isEmpty()
                && value.chars().allMatch(c -> c >= '0' && c <= '9' || c == '-')
                && value.indexOf('-', 1) < 0) {
            return Temporal.fromEpochMillis(Long.parseLong(value));
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
}
