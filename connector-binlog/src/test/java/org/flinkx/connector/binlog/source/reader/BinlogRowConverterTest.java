package org.flinkx.connector.binlog.source.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.types.logical.RowType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

/** A declared column that an event's table lacks: an error, or null in an older delete's row. */
class BinlogRowConverterTest {

    private static final RowType DECLARED =
            (RowType)
                    DataTypes.ROW(
                                    DataTypes.FIELD("id", DataTypes.BIGINT()),
                                    DataTypes.FIELD("note", DataTypes.STRING()),
                                    DataTypes.FIELD("extra", DataTypes.INT()))
                            .getLogicalType();

    /** The row of an event from before {@code ALTER TABLE orders ADD COLUMN extra INT}. */
    private static Struct beforeTheColumn() {
        Schema schema =
                SchemaBuilder.struct()
                        .field("id", Schema.INT64_SCHEMA)
                        .field("note", Schema.OPTIONAL_STRING_SCHEMA)
                        .build();
        return new Struct(schema).put("id", 7L).put("note", "n-7");
    }

    @Test
    void aMissingColumnFailsNamingTheTableAndTheColumn() {
        BinlogRowConverter converter = new BinlogRowConverter(DECLARED, List.of());
        assertThatThrownBy(() -> converter.convert(beforeTheColumn(), "shop", "orders", 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Column 'extra'")
                .hasMessageContaining("shop.orders has no such column");
    }

    @Test
    void anOlderDeletesRowHasTheAddedColumnNull() {
        BinlogRowConverter converter = new BinlogRowConverter(DECLARED, List.of());
        GenericRowData row = converter.convertOlder(beforeTheColumn(), "shop", "orders", 0);
        assertThat(row.getLong(0)).isEqualTo(7L);
        assertThat(row.getString(1).toString()).isEqualTo("n-7");
        assertThat(row.isNullAt(2)).isTrue();
        assertThatThrownBy(() -> converter.convert(beforeTheColumn(), "shop", "orders", 0))
                .as("only that row")
                .hasMessageContaining("Column 'extra'");
    }
}
