package org.flinkx.connector.common.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Random;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.data.binary.BinaryStringData;
import org.flinkx.connector.common.text.TextBytes.Fraction;
import org.junit.jupiter.api.Test;

/** Every value {@link TextBytes} writes compared with the text the JDK gives for it. */
class TextBytesTest {

    private static final Random RANDOM = new Random(7);

    private static String text(TextBytes bytes) {
        return new String(bytes.array(), 0, bytes.length(), StandardCharsets.UTF_8);
    }

    @Test
    void longsAndDecimalsAreWrittenAsTheJdkWritesThem() {
        TextBytes out = new TextBytes(4);
        long[] edges = {0, 1, -1, 9, 10, -10, Long.MAX_VALUE, Long.MIN_VALUE};
        for (int n = 0; n < 20_000; n++) {
            long value = n < edges.length ? edges[n] : RANDOM.nextLong() >> RANDOM.nextInt(64);
            out.reset();
            out.putLong(value);
            assertThat(text(out)).isEqualTo(Long.toString(value));

            int scale = RANDOM.nextInt(19);
            BigDecimal compact = BigDecimal.valueOf(value % 1_000_000_000_000_000L, scale);
            out.reset();
            out.putDecimal(DecimalData.fromBigDecimal(compact, 18, scale));
            assertThat(text(out)).isEqualTo(compact.toPlainString());

            BigDecimal wide = new BigDecimal(new BigInteger(120, RANDOM), 6).negate();
            out.reset();
            out.putDecimal(DecimalData.fromBigDecimal(wide, 38, 6));
            assertThat(text(out)).isEqualTo(wide.toPlainString());
        }
    }

    @Test
    void doublesAndFloatsReadBackAsTheSameValue() {
        TextBytes out = new TextBytes(4);
        double[] edges = {0.0, -0.0, 1.0, 0.1, 1e-300, 1e300, Double.MIN_VALUE, Double.MAX_VALUE};
        for (int n = 0; n < 20_000; n++) {
            double value =
                    n < edges.length
                            ? edges[n]
                            : Double.longBitsToDouble(RANDOM.nextLong() & 0x7fefffffffffffffL)
                                    * (RANDOM.nextBoolean() ? 1 : -1);
            out.reset();
            out.putDouble(value);
            assertThat(Double.parseDouble(text(out))).isEqualTo(value);
            assertThat(text(out).length()).isLessThanOrEqualTo(Double.toString(value).length());

            float single = (float) value;
            out.reset();
            out.putFloat(single);
            assertThat(Float.parseFloat(text(out))).isEqualTo(single);
        }
        out.reset();
        out.putDouble(Double.NaN);
        out.put((byte) ' ');
        out.putDouble(Double.NEGATIVE_INFINITY);
        assertThat(text(out)).isEqualTo("NaN -Infinity");
    }

    @Test
    void datesTimesAndTimestampsAreIsoWithTheChosenFraction() {
        TextBytes out = new TextBytes(4);
        for (int n = 0; n < 20_000; n++) {
            // years -2000 to 12000: outside 0001-9999 the JDK's text is used as it is
            LocalDate day = LocalDate.ofEpochDay(RANDOM.nextInt(5_100_000) - 1_450_000);
            out.reset();
            out.putDate(day.toEpochDay());
            assertThat(text(out)).isEqualTo(day.toString());

            long nanoOfDay = RANDOM.nextLong(86_400_000_000_000L);
            if (n % 3 == 0) {
                nanoOfDay -= nanoOfDay % 1_000_000_000L; // whole seconds
            } else if (n % 3 == 1) {
                nanoOfDay -= nanoOfDay % 1000; // micros
            }
            LocalTime time = LocalTime.ofNanoOfDay(nanoOfDay);
            LocalDateTime timestamp = LocalDateTime.of(day, time);
            for (Fraction fraction : Fraction.values()) {
                out.reset();
                out.putTimestamp(TimestampData.fromLocalDateTime(timestamp), fraction);
                assertThat(text(out))
                        .as("%s %s", timestamp, fraction)
                        .isEqualTo(day + " " + reference(time, fraction));
                out.reset();
                out.putTime(nanoOfDay, fraction);
                assertThat(text(out)).isEqualTo(reference(time, fraction));
            }
        }
    }

    private static String reference(LocalTime time, Fraction fraction) {
        String seconds =
                String.format("%02d:%02d:%02d", time.getHour(), time.getMinute(), time.getSecond());
        String digits =
                switch (fraction) {
                    case NANOS -> time.getNano() == 0 ? "" : String.format("%09d", time.getNano());
                    case MICROS ->
                            time.getNano() / 1000 == 0
                                    ? ""
                                    : String.format("%06d", time.getNano() / 1000);
                    case MICROS_TRIMMED ->
                            String.format("%06d", time.getNano() / 1000).replaceAll("0+$", "");
                };
        return digits.isEmpty() ? seconds : seconds + "." + digits;
    }

    @Test
    void stringsAreCopiedAsUtf8AndEscapedByTheTable() {
        byte[] escapes = new byte[256];
        escapes['\t'] = 't';
        escapes['\\'] = '\\';
        String text = "a\tb\\c \u00e4\u4e2d\ud83d\ude00\t";
        TextBytes out = new TextBytes(2);
        out.putString(StringData.fromString(text));
        out.put((byte) '|');
        out.putString(text);
        out.put((byte) '|');
        out.putEscaped(StringData.fromString(text), escapes);
        out.put((byte) '|');
        // a string that lives in a row's memory, not in a Java object
        BinaryStringData inMemory =
                BinaryStringData.fromBytes(text.getBytes(StandardCharsets.UTF_8));
        out.putEscaped(inMemory, escapes);
        String escaped = "a\\tb\\\\c \u00e4\u4e2d\ud83d\ude00\\t";
        assertThat(text(out)).isEqualTo(text + "|" + text + "|" + escaped + "|" + escaped);
    }

    @Test
    void containsAnyFindsEveryNeedleInOnePass() {
        byte[][] needles = {{'\t'}, "\u00a6".getBytes(StandardCharsets.UTF_8), {'\r', '\n'}};
        boolean[] first = new boolean[256];
        for (byte[] needle : needles) {
            first[needle[0] & 0xFF] = true;
        }
        TextBytes out = new TextBytes(8);
        out.putString("xx\r plain \u00a7 \n");
        assertThat(out.containsAny(0, first, needles)).isFalse();
        for (String hit : new String[] {"a\tb", "a\u00a6", "a\r\n", "\r\n"}) {
            int start = out.length();
            out.putString(hit);
            assertThat(out.containsAny(start, first, needles)).as(hit).isTrue();
            assertThat(out.containsAny(0, first, needles)).isTrue();
            out.truncate(start);
        }
        out.putString("\r");
        assertThat(out.containsAny(0, first, needles)).as("half a needle at the end").isFalse();
    }
}
