package org.flinkx.connector.starrocks.ddl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.apache.flink.table.api.ValidationException;
import org.flinkx.connector.jdbc.catalog.DatabaseColumn;
import org.junit.jupiter.api.Test;

/**
 * What MySQL 8 reports that MariaDB does not (a real {@code json} type), and the refusals: no key,
 * a key column StarRocks cannot key on, a bad bucket count; quoting of names and properties.
 */
class StarRocksCreateTableTest {

    private static DatabaseColumn column(String name, String type, String columnType) {
        return new DatabaseColumn(name, type, columnType, null, null, null, null, null, true);
    }

    private static DatabaseColumn id() {
        return new DatabaseColumn("id", "int", "int(11)", null, null, 10, 0, null, false);
    }

    @Test
    void mySqlJsonBecomesJsonAndNamesAndPropertiesAreQuoted() {
        String sql =
                StarRocksCreateTable.of(
                        "shop.orders",
                        "la`ke",
                        "or\"ders",
                        List.of(column("doc", "json", "json"), id()),
                        List.of("id"),
                        null,
                        Map.of("replication_num", "1", "comment\"", "a \\ b"));
        assertThat(sql)
                .isEqualTo(
                        "CREATE TABLE IF NOT EXISTS `la``ke`.`or\"ders` (\n"
                                + "  `id` INT NOT NULL,\n"
                                + "  `doc` JSON NULL\n"
                                + ")\n"
                                + "PRIMARY KEY (`id`)\n"
                                + "DISTRIBUTED BY HASH(`id`)\n"
                                + "PROPERTIES (\n"
                                + "  \"comment\\\"\" = \"a \\\\ b\",\n"
                                + "  \"replication_num\" = \"1\"\n"
                                + ")");
    }

    @Test
    void aTableWithoutKeyIsRefusedNamingIt() {
        assertThatThrownBy(
                        () ->
                                StarRocksCreateTable.of(
                                        "shop.log",
                                        "lake",
                                        "log",
                                        List.of(id()),
                                        List.of(),
                                        2,
                                        Map.of()))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'shop.log' has no primary key")
                .hasMessageContaining("'primary-key'");
    }

    @Test
    void aKeyColumnStarRocksCannotKeyOnIsRefused() {
        assertThatThrownBy(
                        () ->
                                StarRocksCreateTable.of(
                                        "shop.m",
                                        "lake",
                                        "m",
                                        List.of(column("x", "double", "double")),
                                        List.of("x"),
                                        2,
                                        Map.of()))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("Column 'x' of table 'shop.m'")
                .hasMessageContaining("DOUBLE");
    }

    @Test
    void aBucketCountBelowOneIsRefused() {
        assertThatThrownBy(
                        () ->
                                StarRocksCreateTable.of(
                                        "shop.t",
                                        "lake",
                                        "t",
                                        List.of(id()),
                                        List.of("id"),
                                        0,
                                        Map.of()))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("bucket count");
    }

    @Test
    void aTypeWithoutStarRocksTypeIsRefusedNamingTableColumnAndType() {
        assertThatThrownBy(
                        () ->
                                StarRocksTypes.ofMySql(
                                        "shop.places", column("where", "point", "point")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'where'")
                .hasMessageContaining("'shop.places'")
                .hasMessageContaining("'point'");
    }
}
