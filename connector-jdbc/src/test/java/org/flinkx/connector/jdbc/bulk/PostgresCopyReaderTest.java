package org.flinkx.connector.jdbc.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.flink.table.api.DataTypes;
import org.junit.jupiter.api.Test;

class PostgresCopyReaderTest {

    private final PostgresCopyReader reader = new PostgresCopyReader();

    @Test
    void unescapesCopyTextEscapes() {
        byte[] text = "a\\tb\\nc\\\\d\\101\\x".getBytes(StandardCharsets.US_ASCII);
        assertThat(
                        new String(
                                CopyTextFields.unescape(text, 0, text.length),
                                StandardCharsets.US_ASCII))
                .isEqualTo("a\tb\nc\\dAx");
    }

    @Test
    void parsesIntegersAtTheirLimits() {
        for (String value :
                new String[] {"0", "-1", "9223372036854775807", "-9223372036854775808"}) {
            byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
            assertThat(CopyTextFields.parseLong(bytes, 0, bytes.length))
                    .isEqualTo(Long.parseLong(value));
        }
        byte[] bad = "12a".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> CopyTextFields.parseLong(bad, 0, bad.length))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'12a'");
    }

    @Test
    void rendersSplitValuesAsLiteralsOrRefuses() {
        assertThat(reader.literal(42L)).isEqualTo("42");
        assertThat(reader.literal(new BigDecimal("-1.50"))).isEqualTo("-1.50");
        assertThat(reader.literal(Double.NaN)).isEqualTo("'NaN'");
        assertThat(reader.literal("it's")).isEqualTo("'it''s'");
        assertThat(reader.literal(LocalDate.of(2024, 1, 2))).isEqualTo("'2024-01-02'");
        assertThat(reader.literal(Instant.parse("2024-01-02T03:04:05Z")))
                .isEqualTo("'2024-01-02T03:04:05Z'");
        assertThatThrownBy(() -> reader.literal("back\\slash"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> reader.literal(new byte[1]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void acceptsOnlyMatchingColumnTypes() {
        assertThat(PostgresCopyReader.accepts(DataTypes.BIGINT().getLogicalType(), "int4"))
                .isTrue();
        assertThat(PostgresCopyReader.accepts(DataTypes.STRING().getLogicalType(), "jsonb"))
                .isTrue();
        assertThat(PostgresCopyReader.accepts(DataTypes.BOOLEAN().getLogicalType(), "bit"))
                .isFalse();
        assertThat(PostgresCopyReader.accepts(DataTypes.STRING().getLogicalType(), "_int4"))
                .isFalse();
        assertThat(PostgresCopyReader.accepts(DataTypes.BYTES().getLogicalType(), "bytea"))
                .isFalse();
    }
}
