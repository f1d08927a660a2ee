package org.flinkx.benchmarks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * The benchmark table: 12 columns as the issue lists them, every value a pure function of the row
 * id, so every loader and every run sees the same data.
 */
final class BenchData {

    static final String COLUMNS =
            "id, c_int, c_bigint, c_double, c_decimal, c_short, c_long, c_text, c_bool, c_date, c_ts, c_nint";

    private static final LocalDate DATE0 = LocalDate.of(2000, 1, 1);
    private static final LocalDateTime TS0 = LocalDateTime.of(2020, 1, 1, 0, 0);
    private static final java.time.format.DateTimeFormatter TS_FORMAT =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
    private static final String FILLER =
            "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut "
                    + "labore et dolore magna aliqua";

    private BenchData() {}

    static String postgresDdl(String table, boolean primaryKey) {
        return ddl(table, primaryKey, "DOUBLE PRECISION", "TIMESTAMP", "");
    }

    static String mariaDbDdl(String table, boolean primaryKey) {
        return ddl(
                table,
                primaryKey,
                "DOUBLE",
                "DATETIME(6)",
                " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
    }

    private static String ddl(
            String table,
            boolean primaryKey,
            String doubleType,
            String timestampType,
            String suffix) {
        return "CREATE TABLE "
                + table
                + " (id BIGINT"
                + (primaryKey ? " PRIMARY KEY" : " NOT NULL")
                + ", c_int INT NOT NULL, c_bigint BIGINT NOT NULL, c_double "
                + doubleType
                + " NOT NULL,"
                + " c_decimal DECIMAL(18,4) NOT NULL, c_short VARCHAR(32) NOT NULL, c_long VARCHAR(255),"
                + " c_text TEXT NOT NULL, c_bool BOOLEAN NOT NULL, c_date DATE NOT NULL, c_ts "
                + timestampType
                + ", c_nint INT)"
                + suffix;
    }

    /** The columns of the StarRocks table, as the Stream Load test server takes them. */
    static java.util.List<String> starRocksColumns() {
        return java.util.List.of(
                "id BIGINT",
                "c_int INT",
                "c_bigint BIGINT",
                "c_double DOUBLE",
                "c_decimal DECIMAL(18, 4)",
                "c_short VARCHAR(32)",
                "c_long VARCHAR(255)",
                "c_text STRING",
                "c_bool BOOLEAN",
                "c_date DATE",
                "c_ts DATETIME",
                "c_nint INT");
    }

    /** The Flink columns of the table (for CREATE TABLE ... WITH). */
    static String flinkColumns(boolean primaryKey) {
        return "id BIGINT, c_int INT, c_bigint BIGINT, c_double DOUBLE, c_decimal DECIMAL(18,4),"
                + " c_short VARCHAR(32), c_long VARCHAR(255), c_text STRING, c_bool BOOLEAN,"
                + " c_date DATE, c_ts TIMESTAMP(6), c_nint INT"
                + (primaryKey ? ", PRIMARY KEY (id) NOT ENFORCED" : "");
    }

    /** Flink's datagen options for the same 12 columns with the same null rates. */
    static String datagenOptions(long rows) {
        return "'connector' = 'datagen', 'number-of-rows' = '"
                + rows
                + "', 'rows-per-second' = '1000000000',"
                + " 'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '"
                + rows
                + "',"
                + " 'fields.c_short.length' = '20', 'fields.c_long.length' = '60',"
                + " 'fields.c_long.null-rate' = '0.1', 'fields.c_text.length' = '100',"
                + " 'fields.c_double.min' = '0', 'fields.c_double.max' = '1000000',"
                + " 'fields.c_decimal.min' = '0', 'fields.c_decimal.max' = '99999999',"
                + " 'fields.c_ts.null-rate' = '0.14', 'fields.c_nint.null-rate' = '0.33'";
    }

    static long cInt(long id) {
        return id * 31 % 1_000_000;
    }

    static BigDecimal cDecimal(long id) {
        return BigDecimal.valueOf(id * 37 % 1_000_000_000_000L, 4);
    }

    static String cShort(long id) {
        return "name-" + id;
    }

    static String cLong(long id) {
        return id % 10 == 0 ? null : "long value " + id + " " + FILLER.substring(0, 40);
    }

    static String cText(long id) {
        return id + " " + FILLER.substring(0, 99 - Long.toString(id).length());
    }

    static LocalDate cDate(long id) {
        return DATE0.plusDays(id % 10_000);
    }

    static LocalDateTime cTs(long id) {
        return id % 7 == 0 ? null : TS0.plusSeconds(id).plusNanos(id % 1_000_000 * 1000);
    }

    static Integer cNint(long id) {
        return id % 3 == 0 ? null : (int) (id % 1000);
    }

    /**
     * Writes rows {@code 1..rows} as a tab-separated file both {@code COPY FROM} (text format) and
     * {@code LOAD DATA} read: {@code \N} is NULL; no value contains a tab, newline or backslash.
     */
    static void writeTsv(Path file, long rows, boolean mysqlBooleans) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder(256);
            for (long id = 1; id <= rows; id++) {
                line.setLength(0);
                line.append(id)
                        .append('\t')
                        .append(cInt(id))
                        .append('\t')
                        .append(id * 1_000_003)
                        .append('\t')
                        .append(id / 7.0)
                        .append('\t')
                        .append(cDecimal(id).toPlainString())
                        .append('\t')
                        .append(cShort(id))
                        .append('\t');
                String cLong = cLong(id);
                line.append(cLong == null ? "\\N" : cLong)
                        .append('\t')
                        .append(cText(id))
                        .append('\t');
                boolean bool = id % 2 == 0;
                line.append(mysqlBooleans ? (bool ? "1" : "0") : (bool ? "t" : "f"))
                        .append('\t')
                        .append(cDate(id))
                        .append('\t');
                LocalDateTime ts = cTs(id);
                line.append(ts == null ? "\\N" : TS_FORMAT.format(ts)).append('\t');
                Integer nint = cNint(id);
                line.append(nint == null ? "\\N" : nint.toString()).append('\n');
                out.append(line);
            }
        }
    }
}
