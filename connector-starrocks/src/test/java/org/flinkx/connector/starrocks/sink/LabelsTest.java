package org.flinkx.connector.starrocks.sink;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LabelsTest {

    @Test
    void labelsFollowStarRocksRules() {
        assertThat(Labels.of("flinkx", "orders", "0a1b2c3d4e5f", 3, 17))
                .isEqualTo("flinkx-orders-0a1b2c3d4e5f-3-17");
        assertThat(Labels.of("p", "order lines.2024", "r", 0, 1))
                .isEqualTo("p-order_lines_2024-r-0-1");
        String long128 = Labels.of("prefix", "t".repeat(300), "0a1b2c3d4e5f", 12, 123456789);
        assertThat(long128).hasSize(Labels.MAX_LENGTH).endsWith("-0a1b2c3d4e5f-12-123456789");
        assertThat(long128).matches("[-_A-Za-z0-9]+");
    }

    @Test
    void prefixesAreChecked() {
        assertThat(Labels.isValidPrefix("flinkx_job-1")).isTrue();
        assertThat(Labels.isValidPrefix("a b")).isFalse();
        assertThat(Labels.isValidPrefix("")).isFalse();
        assertThat(Labels.isValidPrefix("x".repeat(65))).isFalse();
    }
}
