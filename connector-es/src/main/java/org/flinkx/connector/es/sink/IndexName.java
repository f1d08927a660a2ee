package org.flinkx.connector.es.sink;

import java.io.Serializable;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.logical.RowType;

/**
 * The index a row goes to: the option {@code index} as it is, or with one placeholder filled from
 * the row ({@code logs-{log_ts|yyyy-MM-dd}}, {@code orders-{region}}) or from the time of writing
 * ({@code logs-{now()|yyyy-MM}}, UTC). A placeholder that names no column, or formats a column that
 * is not a DATE or TIMESTAMP, fails when the sink is planned.
 */
@Internal
public abstract class IndexName implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}|]+)(?:\\|([^}]*))?}");

    /** The index of {@code row}. */
    public abstract String of(RowData row);

    /** Whether the index depends on the row or the time (the pattern has a placeholder). */
    public abstract boolean isDynamic();

    public static IndexName parse(String pattern, RowType type) {
        return parse(pattern, type, Clock.systemUTC());
    }

    /** As {@link #parse(String, RowType)}, {@code now()} read from {@code clock}. */
    static IndexName parse(String pattern, RowType type, Clock clock) {
        Matcher matcher = PLACEHOLDER.matcher(pattern);
        if (!matcher.find()) {
            return new Fixed(pattern);
        }
        String prefix = pattern.substring(0, matcher.start());
        String suffix = pattern.substring(matcher.end());
        if (PLACEHOLDER.matcher(suffix).find()) {
            throw new IllegalArgumentException(
                    "'index' may hold one placeholder, but '" + pattern + "' has more");
        }
        String name = matcher.group(1).trim();
        String format = matcher.group(2);
        DateTimeFormatter formatter;
        try {
            formatter = format == null ? null : DateTimeFormatter.ofPattern(format.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "'index' "
                            + pattern
                            + ": '"
                            + format
                            + "' is not a date format: "
                            + e.getMessage(),
                    e);
        }
        if (name.equals("now()")) {
            if (formatter == null) {
                throw new IllegalArgumentException(
                        "'index' " + pattern + ": {now()} needs a format, {now()|yyyy-MM-dd}");
            }
            return new Now(prefix, formatter, suffix, clock);
        }
        List<String> names = type.getFieldNames();
        int field = names.indexOf(name);
        if (field < 0) {
            throw new IllegalArgumentException(
                    "'index' "
                            + pattern
                            + " names the column '"
                            + name
                            + "', which is not among "
                            + names);
        }
        LogicalType fieldType = type.getTypeAt(field);
        if (formatter != null && !isTemporal(fieldType.getTypeRoot())) {
            throw new IllegalArgumentException(
                    "'index' "
                            + pattern
                            + " formats the column '"
                            + name
                            + "' as a date, but it is "
                            + fieldType.asSummaryString()
                            + " (DATE or TIMESTAMP can be formatted)");
        }
        return new FromField(prefix, field, fieldType, formatter, suffix);
    }

    private static boolean isTemporal(LogicalTypeRoot root) {
        return root == LogicalTypeRoot.DATE
                || root == LogicalTypeRoot.TIMESTAMP_WITHOUT_TIME_ZONE
                || root == LogicalTypeRoot.TIMESTAMP_WITH_LOCAL_TIME_ZONE;
    }

    private static final class Fixed extends IndexName {
        private static final long serialVersionUID = 1L;
        private final String index;

        Fixed(String index) {
            this.index = index;
        }

        @Override
        public String of(RowData row) {
            return index;
        }

        @Override
        public boolean isDynamic() {
            return false;
        }
    }

    private static final class Now extends IndexName {
        private static final long serialVersionUID = 1L;
        private final String prefix;
        private final DateTimeFormatter format;
        private final String suffix;
        private final Clock clock;

        Now(String prefix, DateTimeFormatter format, String suffix, Clock clock) {
            this.prefix = prefix;
            this.format = format;
            this.suffix = suffix;
            this.clock = clock;
        }

        @Override
        public String of(RowData row) {
            return prefix + format.format(LocalDateTime.now(clock)) + suffix;
        }

        @Override
        public boolean isDynamic() {
            return true;
        }
    }

    private static final class FromField extends IndexName {
        private static final long serialVersionUID = 1L;
        private final String prefix;
        private final RowData.FieldGetter getter;
        private final LogicalTypeRoot root;
        private final DateTimeFormatter format;
        private final String suffix;

        FromField(
                String prefix,
                int field,
                LogicalType type,
                DateTimeFormatter format,
                String suffix) {
            this.prefix = prefix;
            this.getter = RowData.createFieldGetter(type, field);
            this.root = type.getTypeRoot();
            this.format = format;
            this.suffix = suffix;
        }

        @Override
        public String of(RowData row) {
            Object value = getter.getFieldOrNull(row);
            if (value == null) {
                throw new IllegalArgumentException(
                        "The column that names the index is null in this row");
            }
            return prefix + text(value) + suffix;
        }

        private String text(Object value) {
            LocalDateTime time =
                    switch (root) {
                        case DATE -> java.time.LocalDate.ofEpochDay((Integer) value).atStartOfDay();
                        case TIMESTAMP_WITHOUT_TIME_ZONE ->
                                ((TimestampData) value).toLocalDateTime();
                        case TIMESTAMP_WITH_LOCAL_TIME_ZONE ->
                                LocalDateTime.ofInstant(
                                        ((TimestampData) value).toInstant(), ZoneOffset.UTC);
                        default -> null;
                    };
            if (time == null) {
                return value.toString();
            }
            if (format != null) {
                return format.format(time);
            }
            return root == LogicalTypeRoot.DATE ? time.toLocalDate().toString() : time.toString();
        }

        @Override
        public boolean isDynamic() {
            return true;
        }
    }
}
