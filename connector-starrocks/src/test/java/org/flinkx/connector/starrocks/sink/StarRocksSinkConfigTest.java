package org.flinkx.connector.starrocks.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.logical.RowType;
import org.junit.jupiter.api.Test;

/** The headers the sink derives: load headers and the transaction timeouts. */
class StarRocksSinkConfigTest {

    private static final RowType TYPE =
            (RowType)
                    DataTypes.ROW(
                                    DataTypes.FIELD("id", DataTypes.BIGINT()),
                                    DataTypes.FIELD("my`name", DataTypes.STRING()))
                            .getLogicalType();

    private static StarRocksSinkBuilder builder() {
        return StarRocksSink.builder()
                .loadUrl("fe1:8030; fe2:8030")
                .database("db")
                .table("t")
                .username("u")
                .rowType(TYPE)
                .deliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE);
    }

    @Test
    void timeoutsFollowTheCheckpointIntervalWithFloors() {
        StarRocksSinkConfig unknown = builder().build().config();
        assertThat(unknown.beginHeaders())
                .containsEntry("timeout", "600")
                .containsEntry("idle_transaction_timeout", "600");
        assertThat(unknown.prepareHeaders()).containsEntry("prepared_timeout", "3600");

        StarRocksSinkConfig tenMinutes =
                builder().checkpointInterval(Duration.ofMinutes(10)).build().config();
        assertThat(tenMinutes.beginHeaders())
                .containsEntry("timeout", "1800")
                .containsEntry("idle_transaction_timeout", "1800");
        assertThat(tenMinutes.prepareHeaders()).containsEntry("prepared_timeout", "6000");

        StarRocksSinkConfig given =
                builder()
                        .checkpointInterval(Duration.ofMinutes(10))
                        .property("timeout", "7200")
                        .property("prepared_timeout", "86400")
                        .build()
                        .config();
        assertThat(given.beginHeaders()).containsEntry("timeout", "7200");
        assertThat(given.prepareHeaders()).containsEntry("prepared_timeout", "86400");
    }

    @Test
    void loadHeadersNameTheColumnsQuotedAndLetFlinkxDecideOnBadRows() {
        StarRocksSinkConfig config = builder().keys(List.of("id")).build().config();
        Map<String, String> headers = config.loadHeaders();
        assertThat(headers)
                .containsEntry("columns", "`id`,`my``name`,__op")
                .containsEntry("max_filter_ratio", "1")
                .doesNotContainKey("strip_outer_array");
        assertThat(config.connection().feAddresses()).containsExactly("fe1:8030", "fe2:8030");

        Map<String, String> json =
                builder()
                        .property("format", "json")
                        .property("max_filter_ratio", "0.1")
                        .property("columns", "id, name")
                        .build()
                        .config()
                        .loadHeaders();
        assertThat(json)
                .containsEntry("columns", "id, name")
                .containsEntry("strip_outer_array", "true")
                .containsEntry("max_filter_ratio", "0.1");
        assertThat(config.toString()).doesNotContain("password=");
    }
}
