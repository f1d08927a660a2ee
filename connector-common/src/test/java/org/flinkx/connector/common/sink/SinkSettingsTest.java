package org.flinkx.connector.common.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.flinkx.connector.common.options.DirtyDataConfig;
import org.flinkx.connector.common.options.ErrorLimit;
import org.flinkx.connector.common.options.RateLimit;
import org.flinkx.connector.common.options.SinkBufferConfig;
import org.junit.jupiter.api.Test;

class SinkSettingsTest {

    private static SinkSettings settings(ErrorLimit limit) {
        return new SinkSettings(
                "flinkx-test",
                new SinkBufferConfig(10, 0, Duration.ZERO, 0, Duration.ZERO),
                DeliveryGuarantee.AT_LEAST_ONCE,
                RateLimit.UNLIMITED,
                limit,
                DirtyDataConfig.LOG);
    }

    @Test
    void countsOverTheJobOnlyWhereThatCanFailAJobNoSubtaskFails() {
        assertThat(settings(new ErrorLimit(10, -1)).withJobWideErrorLimit().errorCounts())
                .isNotNull();
        assertThat(
                        settings(new ErrorLimit(Long.MAX_VALUE, 5))
                                .withJobWideErrorLimit()
                                .errorCounts())
                .isNotNull();
        // The first bad record of any subtask passes 0; no limit is never passed.
        assertThat(settings(ErrorLimit.FAIL_ON_FIRST).withJobWideErrorLimit().errorCounts())
                .isNull();
        assertThat(
                        settings(new ErrorLimit(Long.MAX_VALUE, -1))
                                .withJobWideErrorLimit()
                                .errorCounts())
                .isNull();
        assertThat(settings(new ErrorLimit(10, -1)).errorCounts()).isNull();
    }
}
