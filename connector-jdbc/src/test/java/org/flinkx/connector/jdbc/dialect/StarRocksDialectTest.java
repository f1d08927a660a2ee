package org.flinkx.connector.jdbc.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Timestamp;
import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.BooleanType;
import org.apache.flink.table.types.logical.DateType;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.DoubleType;
import org.apache.flink.table.types.logical.IntType;
import org.apache.flink.table.types.logical.TimestampType;
import org.apache.flink.table.types.logical.VarCharType;
import org.junit.jupiter.api.Test;

/** StarRocks' ARRAY text, as its MySQL port sends it, read into the declared element type. */
class StarRocksDialectTest {

    @Test
    void arraysOfEveryScalarKind() throws SQLException {
        assertThat(StarRocksDialect.parseArray("[1,null,3]", new IntType()))
                .containsExactly(1L, null, 3L);
        assertThat(StarRocksDialect.parseArray("[9223372036854775807]", new BigIntType()))
                .containsExactly(Long.MAX_VALUE);
        assertThat(
                        StarRocksDialect.parseArray(
                                "[\"a\",\"b,c\",\"\\\"q\\\"\"]", VarCharType.STRING_TYPE))
                .containsExactly("a", "b,c", "\"q\"");
        assertThat(StarRocksDialect.parseArray("[1.5,-2]", new DoubleType()))
                .containsExactly(1.5, -2.0);
        assertThat(StarRocksDialect.parseArray("[12.30]", new DecimalType(10, 2)))
                .containsExactly(new BigDecimal("12.30"));
        assertThat(StarRocksDialect.parseArray("[1,0,true]", new BooleanType()))
                .containsExactly(true, false, true);
        assertThat(StarRocksDialect.parseArray("[\"2024-02-29\"]", new DateType()))
                .containsExactly(Date.valueOf("2024-02-29"));
        assertThat(
                        StarRocksDialect.parseArray(
                                "[\"2024-02-29 23:59:58.123456\"]", new TimestampType(6)))
                .containsExactly(Timestamp.valueOf("2024-02-29 23:59:58.123456"));
        assertThat(StarRocksDialect.parseArray("[]", new IntType())).isEmpty();
        assertThat(
                        StarRocksDialect.parseArray(
                                "[170141183460469231731687303715884105727]",
                                new DecimalType(38, 0)))
                .as("a LARGEINT's digits kept, to fail the DECIMAL's precision loudly later")
                .containsExactly(new BigDecimal("170141183460469231731687303715884105727"));
    }

    @Test
    void textThatIsNoSuchArrayFailsNamingIt() {
        assertThatThrownBy(() -> StarRocksDialect.parseArray("{\"a\":1}", new IntType()))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("Not a StarRocks array: {\"a\":1}");
        assertThatThrownBy(() -> StarRocksDialect.parseArray("[1,", new IntType()))
                .hasMessageContaining("Not a StarRocks array: [1,");
        assertThatThrownBy(() -> StarRocksDialect.parseArray("[1,\"x\"]", new IntType()))
                .hasMessageContaining("Element 1 of the array [1,\"x\"] is no INT");
        assertThatThrownBy(() -> StarRocksDialect.parseArray("[1.5]", new IntType()))
                .hasMessageContaining("Element 0");
        assertThatThrownBy(() -> StarRocksDialect.parseArray("[[1]]", new IntType()))
                .hasMessageContaining("nested arrays");
    }
}
