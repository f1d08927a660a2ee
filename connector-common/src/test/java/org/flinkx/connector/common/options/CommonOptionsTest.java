package org.flinkx.connector.common.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.ValidationException;
import org.junit.jupiter.api.Test;

class CommonOptionsTest {

    @Test
    void errorLimitDefaultsToFailOnFirstBadRecord() {
        ErrorLimit limit = CommonOptions.errorLimit(new Configuration());
        assertThat(limit.exceededBy(0, 10)).isNull();
        assertThat(limit.exceededBy(1, 10)).contains("errors.max-count");
    }

    @Test
    void percentageAloneLiftsTheCountLimit() {
        Configuration conf = new Configuration();
        conf.set(FlinkxOptions.ERRORS_MAX_PERCENTAGE, 10.0);
        ErrorLimit limit = CommonOptions.errorLimit(conf);
        assertThat(limit.exceededBy(10, 100)).isNull();
        assertThat(limit.exceededBy(11, 100)).contains("errors.max-percentage").contains("11.00%");
    }

    @Test
    void countAndPercentageAreBothChecked() {
        Configuration conf = new Configuration();
        conf.set(FlinkxOptions.ERRORS_MAX_PERCENTAGE, 50.0);
        conf.set(FlinkxOptions.ERRORS_MAX_COUNT, 2L);
        ErrorLimit limit = CommonOptions.errorLimit(conf);
        assertThat(limit.exceededBy(3, 1000)).contains("errors.max-count");
        assertThat(limit.exceededBy(2, 3)).contains("errors.max-percentage");
    }

    @Test
    void invalidValuesNameTheKey() {
        Configuration percentage = new Configuration();
        percentage.set(FlinkxOptions.ERRORS_MAX_PERCENTAGE, 150.0);
        assertThatThrownBy(() -> CommonOptions.errorLimit(percentage))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("errors.max-percentage");

        Configuration dirty = new Configuration();
        dirty.setString("dirty.sink", "file");
        assertThatThrownBy(() -> CommonOptions.dirtyData(dirty))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("dirty.path");

        Configuration rate = new Configuration();
        rate.set(FlinkxOptions.SCAN_RATE_LIMIT_RECORDS, -1.0);
        assertThatThrownBy(() -> CommonOptions.scanRateLimit(rate))
                .hasMessageContaining("scan.rate-limit.records-per-second");
    }

    @Test
    void enumOptionsRejectUnknownValuesWithTheAllowedOnes() {
        Configuration conf = new Configuration();
        conf.setString("dirty.sink", "kafka");
        assertThatThrownBy(() -> CommonOptions.validateValues(conf, CommonOptions.sinkOptions()))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("dirty.sink")
                .hasMessageContaining("kafka")
                .hasMessageContaining("log")
                .hasMessageContaining("file");
        conf.setString("dirty.sink", "file");
        conf.setString("sink.delivery-guarantee", "exactly-once");
        assertThat(conf.get(FlinkxOptions.SINK_DELIVERY_GUARANTEE).toString())
                .isEqualTo("exactly-once");
    }

    @Test
    void rateLimitsReadBytesAsMemorySizes() {
        Configuration conf = new Configuration();
        conf.setString("sink.rate-limit.bytes-per-second", "2mb");
        conf.setString("sink.rate-limit.records-per-second", "500");
        RateLimit limit = CommonOptions.sinkRateLimit(conf);
        assertThat(limit.bytesPerSecond()).isEqualTo(2L << 20);
        assertThat(limit.recordsPerSecond()).isEqualTo(500.0);
        assertThat(CommonOptions.sinkRateLimit(new Configuration()).isUnlimited()).isTrue();
    }

    @Test
    void dirtyPathIsAnAbsoluteLocalDirectoryGivenAsPathOrFileUri() {
        assertThat(dirtyPath("/tmp/dirty")).isEqualTo("/tmp/dirty");
        assertThat(dirtyPath("file:///tmp/dirty")).isEqualTo("/tmp/dirty");
        assertThat(dirtyPath("file:/tmp/dirty/../dirty2")).isEqualTo("/tmp/dirty2");
        assertThatThrownBy(() -> dirtyPath("dirty"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'dirty.path' = 'dirty' is a relative path");
        assertThatThrownBy(() -> dirtyPath("hdfs://nn:8020/dirty"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("only local directories");
    }

    private static String dirtyPath(String value) {
        Configuration conf = new Configuration();
        conf.setString("dirty.sink", "file");
        conf.setString("dirty.path", value);
        return CommonOptions.dirtyData(conf).path();
    }

    @Test
    void aMisspelledEnumValueNamesTheKeyInTheRootOfTheChain() {
        Configuration conf = new Configuration();
        conf.setString("sink.delivery-guarantee", "exactly_once");
        assertThatThrownBy(() -> CommonOptions.validateValues(conf, CommonOptions.sinkOptions()))
                .isInstanceOf(ValidationException.class)
                .hasNoCause()
                .hasMessageContaining("'exactly_once'")
                .hasMessageContaining("'sink.delivery-guarantee'")
                .hasMessageContaining("exactly-once");
    }
}
