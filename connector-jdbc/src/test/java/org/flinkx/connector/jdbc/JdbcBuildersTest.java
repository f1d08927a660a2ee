package org.flinkx.connector.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.types.logical.RowType;
import org.flinkx.connector.jdbc.config.JdbcConnectionConfig;
import org.flinkx.connector.jdbc.config.PartitionStrategy;
import org.flinkx.connector.jdbc.config.WriteMode;
import org.flinkx.connector.jdbc.dialect.PostgresDialect;
import org.flinkx.connector.jdbc.sink.JdbcSink;
import org.flinkx.connector.jdbc.source.JdbcSource;
import org.flinkx.connector.jdbc.source.reader.SplitQuery;
import org.flinkx.connector.jdbc.source.split.JdbcSourceSplit;
import org.junit.jupiter.api.Test;

/** The builders' validation rules and the split queries they lead to. */
class JdbcBuildersTest {

    private static final RowType ROW =
            (RowType)
                    DataTypes.ROW(
                                    DataTypes.FIELD("id", DataTypes.BIGINT().notNull()),
                                    DataTypes.FIELD("name", DataTypes.STRING()),
                                    DataTypes.FIELD("updated", DataTypes.TIMESTAMP(3)))
                            .getLogicalType();

    @Test
    void sourceRulesNameTheOption() {
        assertThatThrownBy(
                        () ->
                                JdbcSource.builder()
                                        .url("jdbc:postgresql://h/d")
                                        .rowType(ROW)
                                        .build())
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("table-name");
        assertThatThrownBy(
                        () ->
                                JdbcSource.builder()
                                        .url("jdbc:postgresql://h/d")
                                        .table("t")
                                        .rowType(ROW)
                                        .partitionColumn("nope")
                                        .build())
                .hasMessageContaining("scan.partition.column")
                .hasMessageContaining("nope");
        assertThatThrownBy(
                        () ->
                                JdbcSource.builder()
                                        .url("jdbc:postgresql://h/d")
                                        .table("t")
                                        .rowType(ROW)
                                        .partitionColumn("name")
                                        .partitionStrategy(PartitionStrategy.MOD)
                                        .build())
                .hasMessageContaining("'mod'");
        assertThatThrownBy(
                        () ->
                                JdbcSource.builder()
                                        .url("jdbc:postgresql://h/d")
                                        .table("t")
                                        .rowType(ROW)
                                        .incrementalColumn("updated")
                                        .incrementalStart("yesterday")
                                        .build())
                .hasMessageContaining("scan.incremental.start-value")
                .hasMessageContaining("yesterday");
        assertThatThrownBy(
                        () ->
                                JdbcSource.builder()
                                        .url("jdbc:postgresql://h/d")
                                        .table("t")
                                        .rowType(ROW)
                                        .pollingInterval(java.time.Duration.ofSeconds(1))
                                        .build())
                .hasMessageContaining("scan.incremental.column");
    }

    @Test
    void sinkRulesNameTheOption() {
        assertThatThrownBy(
                        () ->
                                JdbcSink.builder()
                                        .url("jdbc:postgresql://h/d")
                                        .table("t")
                                        .rowType(ROW)
                                        .writeMode(WriteMode.UPSERT)
                                        .build())
                .hasMessageContaining("sink.write-mode")
                .hasMessageContaining("PRIMARY KEY");
        assertThatThrownBy(
                        () ->
                                JdbcSink.builder()
                                        .url("jdbc:h2:mem:x")
                                        .table("t")
                                        .rowType(ROW)
                                        .deliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                                        .build())
                .hasMessageContaining("exactly-once");
        assertThat(
                        JdbcSink.builder()
                                .url("jdbc:postgresql://h/d")
                                .table("t")
                                .rowType(ROW)
                                .keys(List.of("id"))
                                .build()
                                .config()
                                .writeMode())
                .isEqualTo(WriteMode.UPSERT);
    }

    @Test
    void splitQueryResumesAfterTheOffsetInOrder() {
        JdbcSource source =
                JdbcSource.builder()
                        .url("jdbc:postgresql://h/d")
                        .table("public.t")
                        .rowType(ROW)
                        .where("name <> 'x'")
                        .partitionColumn("id")
                        .build();
        JdbcSourceSplit split =
                new JdbcSourceSplit(
                        "0",
                        0,
                        "d",
                        "public.t",
                        "id",
                        10L,
                        20L,
                        0,
                        0,
                        false,
                        "updated",
                        null,
                        null,
                        "id",
                        15L,
                        true);
        SplitQuery query =
                SplitQuery.build(
                        source.config().withProjection(List.of("name"), List.of()),
                        new PostgresDialect(),
                        split,
                        false);
        assertThat(query.sql())
                .isEqualTo(
                        "SELECT \"name\", \"id\" FROM \"public\".\"t\" WHERE (name <> 'x') AND "
                                + "\"id\" >= ? AND \"id\" < ? AND \"id\" > ? ORDER BY \"id\"");
        assertThat(query.params()).containsExactly(10L, 20L, 15L);
        assertThat(query.offsetIndex()).isEqualTo(2);

        // The COPY path writes the same values into the same query; pushed-down filter parameters
        // replace only the placeholders outside quotes.
        SplitQuery inlined =
                SplitQuery.buildInlined(
                        source.config()
                                .withProjection(List.of("name"), List.of())
                                .withFilter(
                                        "\"na?me\" = ? AND 'x?' <> ?",
                                        List.<java.io.Serializable>of("a'b", 3L)),
                        new PostgresDialect(),
                        split,
                        false,
                        new org.flinkx.connector.jdbc.bulk.PostgresCopyReader()::literal);
        assertThat(inlined.sql())
                .isEqualTo(
                        "SELECT \"name\", \"id\" FROM \"public\".\"t\" WHERE (name <> 'x') AND "
                                + "\"na?me\" = 'a''b' AND 'x?' <> 3 AND \"id\" >= 10 AND \"id\" < 20 AND \"id\" > 15 ORDER BY \"id\"");
        assertThat(inlined.params()).isEmpty();

        JdbcSourceSplit mod =
                new JdbcSourceSplit(
                        "1",
                        0,
                        "d",
                        "public.t",
                        "id",
                        null,
                        null,
                        4,
                        0,
                        true,
                        null,
                        null,
                        null,
                        "id",
                        null,
                        false);
        assertThat(SplitQuery.build(source.config(), new PostgresDialect(), mod, true).sql())
                .endsWith("\"id\" IS NULL");
        assertThat(SplitQuery.build(source.config(), new PostgresDialect(), mod, false).sql())
                .contains("ABS(MOD(\"id\", 4)) = ?")
                .endsWith("ORDER BY \"id\"");
    }

    @Test
    void secretsNeverShowInConnectionDescriptions() {
        JdbcConnectionConfig config =
                new JdbcConnectionConfig(
                        "jdbc:postgresql://h/d?user=a&password=s3cr3t&ssl=true",
                        "a",
                        "t0p",
                        null,
                        Map.of());
        assertThat(config.toString())
                .doesNotContain("s3cr3t")
                .doesNotContain("t0p")
                .contains("ssl=true");
        assertThat(config.safeUrl())
                .isEqualTo("jdbc:postgresql://h/d?user=a&password=******&ssl=true");
    }
}
