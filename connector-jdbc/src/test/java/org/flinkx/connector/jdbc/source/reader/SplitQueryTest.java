package org.flinkx.connector.jdbc.source.reader;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.logical.RowType;
import org.flinkx.connector.jdbc.bulk.PostgresCopyReader;
import org.flinkx.connector.jdbc.config.JdbcReadConfig;
import org.flinkx.connector.jdbc.dialect.MariaDbDialect;
import org.flinkx.connector.jdbc.dialect.PostgresDialect;
import org.flinkx.connector.jdbc.source.JdbcSource;
import org.flinkx.connector.jdbc.source.split.JdbcSourceSplit;
import org.junit.jupiter.api.Test;

/**
 * The query of a split resumed by a key of several columns: ordered by the whole key, cut on the
 * leading column, resumed after the whole key of the last emitted row.
 */
class SplitQueryTest {

    private static final RowType ROW =
            (RowType)
                    DataTypes.ROW(
                                    DataTypes.FIELD("tenant", DataTypes.BIGINT().notNull()),
                                    DataTypes.FIELD("seq", DataTypes.INT().notNull()),
                                    DataTypes.FIELD("code", DataTypes.STRING().notNull()),
                                    DataTypes.FIELD("name", DataTypes.STRING()))
                            .getLogicalType();

    private static JdbcReadConfig config(String where) {
        var builder =
                JdbcSource.builder().url("jdbc:postgresql://h/d").table("public.t").rowType(ROW);
        if (where != null) {
            builder.where(where);
        }
        return builder.build().config();
    }

    private static JdbcSourceSplit split(
            List<String> key, Object lower, Object upper, Object offset) {
        return new JdbcSourceSplit(
                "0-0-1",
                0,
                "d",
                "public.t",
                key.get(0),
                lower,
                upper,
                0,
                0,
                lower == null,
                null,
                null,
                null,
                key,
                offset,
                offset != null);
    }

    @Test
    void aResumedSplitReadsTheRowsAfterTheWholeKeyInKeyOrder() {
        JdbcSourceSplit split = split(List.of("tenant", "seq"), 10L, 20L, List.of(12L, 7L));
        SplitQuery query =
                SplitQuery.build(
                        config("name <> 'x'").withProjection(List.of("name"), List.of()),
                        new PostgresDialect(),
                        split,
                        false);
        assertThat(query.sql())
                .isEqualTo(
                        "SELECT \"name\", \"tenant\", \"seq\" FROM \"public\".\"t\" WHERE (name <> 'x') AND "
                                + "\"tenant\" >= ? AND \"tenant\" < ? AND "
                                + "\"tenant\" >= ? AND (\"tenant\" > ? OR (\"tenant\" = ? AND \"seq\" > ?)) "
                                + "ORDER BY \"tenant\", \"seq\"");
        assertThat(query.params()).containsExactly(10L, 20L, 12L, 12L, 12L, 7L);
        assertThat(query.columns()).containsExactly("name", "tenant", "seq");
        assertThat(query.offsetIndexes()).containsExactly(2, 3);
        assertThat(query.offsetIndex()).isEqualTo(2);
    }

    @Test
    void threeKeyColumnsExpandIntoOneTermPerColumn() {
        JdbcSourceSplit split =
                split(List.of("tenant", "seq", "code"), null, null, List.of(3L, 4L, "c"));
        SplitQuery query = SplitQuery.build(config(null), new MariaDbDialect(), split, false);
        assertThat(query.sql())
                .isEqualTo(
                        "SELECT `tenant`, `seq`, `code`, `name` FROM `public`.`t` WHERE "
                                + "`tenant` IS NOT NULL AND `tenant` >= ? AND (`tenant` > ? "
                                + "OR (`tenant` = ? AND `seq` > ?) "
                                + "OR (`tenant` = ? AND `seq` = ? AND `code` > ?)) "
                                + "ORDER BY `tenant`, `seq`, `code`");
        assertThat(query.params()).containsExactly(3L, 3L, 3L, 4L, 3L, 4L, "c");
        assertThat(query.offsetIndexes())
                .as("selected key columns are read where they are")
                .containsExactly(1, 2, 3);
    }

    @Test
    void aFreshSplitIsOrderedByTheWholeKeyAndItsNullPhaseIsNot() {
        JdbcSourceSplit split = split(List.of("tenant", "seq"), null, 100L, null);
        JdbcReadConfig config = config(null).withProjection(List.of("name"), List.of());
        SplitQuery query = SplitQuery.build(config, new PostgresDialect(), split, false);
        assertThat(query.sql())
                .isEqualTo(
                        "SELECT \"name\", \"tenant\", \"seq\" FROM \"public\".\"t\" WHERE "
                                + "\"tenant\" < ? ORDER BY \"tenant\", \"seq\"");
        assertThat(query.params()).containsExactly(100L);

        SplitQuery nulls = SplitQuery.build(config, new PostgresDialect(), split, true);
        assertThat(nulls.sql())
                .isEqualTo("SELECT \"name\" FROM \"public\".\"t\" WHERE \"tenant\" IS NULL");
        assertThat(nulls.offsetIndexes()).isEmpty();
        assertThat(nulls.offsetIndex()).isEqualTo(-1);
    }

    /** The COPY path writes the same values into the same query. */
    @Test
    void theCopyPathInlinesTheSameKeyComparison() {
        JdbcSourceSplit split = split(List.of("tenant", "code"), 10L, 20L, List.of(12L, "it's"));
        SplitQuery inlined =
                SplitQuery.buildInlined(
                        config(null).withProjection(List.of("name"), List.of()),
                        new PostgresDialect(),
                        split,
                        false,
                        new PostgresCopyReader()::literal);
        assertThat(inlined.sql())
                .isEqualTo(
                        "SELECT \"name\", \"tenant\", \"code\" FROM \"public\".\"t\" WHERE "
                                + "\"tenant\" >= 10 AND \"tenant\" < 20 AND \"tenant\" >= 12 AND "
                                + "(\"tenant\" > 12 OR (\"tenant\" = 12 AND \"code\" > 'it''s')) "
                                + "ORDER BY \"tenant\", \"code\"");
        assertThat(inlined.params()).isEmpty();
        assertThat(inlined.columns()).containsExactly("name", "tenant", "code");
        assertThat(inlined.offsetIndexes()).containsExactly(2, 3);
    }

    /** A split with one offset column reads as before. */
    @Test
    void oneOffsetColumnKeepsItsComparison() {
        JdbcSourceSplit split = split(List.of("tenant"), 10L, null, 15L);
        SplitQuery query = SplitQuery.build(config(null), new PostgresDialect(), split, false);
        assertThat(query.sql())
                .endsWith("WHERE \"tenant\" >= ? AND \"tenant\" > ? ORDER BY \"tenant\"");
        assertThat(query.params()).containsExactly(10L, 15L);
        assertThat(query.offsetIndexes()).containsExactly(1);
    }
}
