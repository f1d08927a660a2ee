package org.flinkx.connector.es.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.RowType;
import org.junit.jupiter.api.Test;

/** Index names from a pattern: a column's value or date, the time of writing, or none. */
class IndexNameTest {

    private static final RowType TYPE =
            (RowType)
                    DataTypes.ROW(
                                    DataTypes.FIELD("region", DataTypes.STRING()),
                                    DataTypes.FIELD("ts", DataTypes.TIMESTAMP(3)),
                                    DataTypes.FIELD("ltz", DataTypes.TIMESTAMP_LTZ(3)),
                                    DataTypes.FIELD("dt", DataTypes.DATE()),
                                    DataTypes.FIELD("n", DataTypes.INT()))
                            .getLogicalType();

    private static final GenericRowData ROW =
            GenericRowData.of(
                    StringData.fromString("eu"),
                    TimestampData.fromLocalDateTime(LocalDateTime.of(2024, 2, 29, 23, 30)),
                    TimestampData.fromInstant(Instant.parse("2024-12-31T23:30:00Z")),
                    (int) java.time.LocalDate.of(2024, 3, 1).toEpochDay(),
                    7);

    @Test
    void fromColumnsAndTheirDates() {
        assertThat(IndexName.parse("orders", TYPE).of(ROW)).isEqualTo("orders");
        assertThat(IndexName.parse("orders", TYPE).isDynamic()).isFalse();
        assertThat(IndexName.parse("orders-{region}", TYPE).of(ROW)).isEqualTo("orders-eu");
        assertThat(IndexName.parse("o-{n}-x", TYPE).of(ROW)).isEqualTo("o-7-x");
        assertThat(IndexName.parse("logs-{ts|yyyy.MM.dd}", TYPE).of(ROW))
                .isEqualTo("logs-2024.02.29");
        // an instant's day in UTC
        assertThat(IndexName.parse("logs-{ltz|yyyy-MM-dd}", TYPE).of(ROW))
                .isEqualTo("logs-2024-12-31");
        assertThat(IndexName.parse("logs-{dt|yyyy_MM}", TYPE).of(ROW)).isEqualTo("logs-2024_03");
        assertThat(IndexName.parse("logs-{dt}", TYPE).of(ROW)).isEqualTo("logs-2024-03-01");
    }

    @Test
    void fromTheTimeOfWriting() {
        Clock clock = Clock.fixed(Instant.parse("2026-12-07T01:02:03Z"), ZoneOffset.UTC);
        IndexName name = IndexName.parse("logs-{now()|yyyy-MM}", TYPE, clock);
        assertThat(name.of(ROW)).isEqualTo("logs-2026-12");
        assertThat(name.isDynamic()).isTrue();
    }

    @Test
    void badPatternsNameTheProblem() {
        assertThatThrownBy(() -> IndexName.parse("x-{nope}", TYPE))
                .hasMessageContaining("'nope', which is not among");
        assertThatThrownBy(() -> IndexName.parse("x-{region|yyyy}", TYPE))
                .hasMessageContaining("DATE or TIMESTAMP");
        assertThatThrownBy(() -> IndexName.parse("x-{now()}", TYPE))
                .hasMessageContaining("needs a format");
        assertThatThrownBy(() -> IndexName.parse("x-{ts|yyyy}-{dt|MM}", TYPE))
                .hasMessageContaining("one placeholder");
        assertThatThrownBy(() -> IndexName.parse("x-{ts|ppp}", TYPE))
                .hasMessageContaining("is not a date format");
        GenericRowData nullRegion = GenericRowData.of(null, null, null, null, null);
        assertThatThrownBy(() -> IndexName.parse("x-{region}", TYPE).of(nullRegion))
                .hasMessageContaining("null");
    }
}
