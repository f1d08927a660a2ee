package org.flinkx.launcher;

import java.time.Duration;
import java.util.Locale;

/** Number and duration formats of the runner's output. */
final class Formats {

    private Formats() {}

    /** E.g. {@code 2,000,000}. */
    static String count(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }

    /** E.g. {@code 1 row} or {@code 2,000,000 rows} for the noun {@code row}. */
    static String count(long count, String noun) {
        return count(count) + " " + noun + (count == 1 ? "" : "s");
    }

    /** Rows per second over {@code elapsed}, e.g. {@code 476,190}. */
    static String rate(long rows, Duration elapsed) {
        return elapsed.toMillis() == 0 ? "-" : count(rows * 1000 / elapsed.toMillis());
    }

    /** E.g. {@code 512 B}, {@code 3.4 MB} (powers of 1024). */
    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** {@code text} cut to {@code max} characters, ending in "..." when cut. */
    static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }

    /** E.g. {@code 4.2 s} or {@code 1:02:05}. */
    static String duration(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
        }
        return String.format(
                Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
}
