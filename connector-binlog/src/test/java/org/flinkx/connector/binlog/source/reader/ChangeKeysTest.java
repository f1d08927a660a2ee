package org.flinkx.connector.binlog.source.reader;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.flinkx.connector.binlog.source.split.SnapshotKeys;
import org.junit.jupiter.api.Test;

/** Debezium's key Structs turned into the keys snapshot chunks compare. */
class ChangeKeysTest {

    @Test
    void aOneColumnKeyIsAnInteger() {
        Schema schema = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).build();
        assertThat(ChangeKeys.of(new Struct(schema).put("id", 42L)))
                .isEqualTo(BigInteger.valueOf(42));
        Schema unsigned =
                SchemaBuilder.struct().field("id", Decimal.schema(0)).build(); // BIGINT UNSIGNED
        assertThat(
                        ChangeKeys.of(
                                new Struct(unsigned)
                                        .put("id", new BigDecimal("18446744073709551615"))))
                .isEqualTo(new BigInteger("18446744073709551615"));
        assertThat(ChangeKeys.of(null)).isNull();
    }

    @Test
    void aKeyOfSeveralColumnsIsTheListOfItsCanonicalValuesInKeyOrder() {
        Schema schema =
                SchemaBuilder.struct()
                        .field("tenant", Schema.INT32_SCHEMA)
                        .field("seq", Schema.INT16_SCHEMA)
                        .field("amount", Decimal.schema(2))
                        .field("day", SchemaBuilder.int32().name("io.debezium.time.Date").build())
                        .field(
                                "at",
                                SchemaBuilder.int64().name("io.debezium.time.Timestamp").build())
                        .field(
                                "at6",
                                SchemaBuilder.int64()
                                        .name("io.debezium.time.MicroTimestamp")
                                        .build())
                        .field(
                                "ts",
                                SchemaBuilder.string()
                                        .name("io.debezium.time.ZonedTimestamp")
                                        .build())
                        .build();
        Struct key =
                new Struct(schema)
                        .put("tenant", 7)
                        .put("seq", (short) -3)
                        .put("amount", new BigDecimal("12.50"))
                        .put("day", (int) LocalDate.of(1969, 12, 31).toEpochDay())
                        .put("at", -1L) // 1969-12-31T23:59:59.999
                        .put("at6", 1_700_000_000_123_456L)
                        .put("ts", "2024-03-01T10:15:30.5Z");
        Object whole = ChangeKeys.of(key);
        assertThat(whole)
                .isEqualTo(
                        List.of(
                                BigDecimal.valueOf(7),
                                BigDecimal.valueOf(-3),
                                new BigDecimal("12.50"),
                                LocalDate.of(1969, 12, 31),
                                LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_000_000),
                                LocalDateTime.of(2023, 11, 14, 22, 13, 20, 123_456_000),
                                Instant.parse("2024-03-01T10:15:30.500Z")));
        assertThat(SnapshotKeys.leading(whole)).isEqualTo(BigInteger.valueOf(7));
        // equal to the same key as the snapshot reader reads it (a decimal of another scale)
        List<Object> fromSnapshot = new ArrayList<>((List<?>) whole);
        fromSnapshot.set(2, new BigDecimal("12.5"));
        assertThat(SnapshotKeys.compare((List<?>) whole, fromSnapshot)).isZero();
    }

    @Test
    void stringsStayAsDebeziumGivesThemAndAKeyNotLedByAnIntegerIsUnknown() {
        Schema schema =
                SchemaBuilder.struct()
                        .field("tenant", Schema.INT64_SCHEMA)
                        .field("code", Schema.STRING_SCHEMA)
                        .build();
        assertThat(ChangeKeys.of(new Struct(schema).put("tenant", 3L).put("code", "aB")))
                .isEqualTo(List.of(BigDecimal.valueOf(3), "aB"));
        Schema byString =
                SchemaBuilder.struct()
                        .field("code", Schema.STRING_SCHEMA)
                        .field("tenant", Schema.INT64_SCHEMA)
                        .build();
        assertThat(ChangeKeys.of(new Struct(byString).put("code", "x").put("tenant", 3L))).isNull();
    }
}
