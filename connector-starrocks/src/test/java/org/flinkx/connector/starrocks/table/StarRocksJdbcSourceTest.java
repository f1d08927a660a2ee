package org.flinkx.connector.starrocks.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

/** How a StarRocks table's read options become the JDBC connector's. */
class StarRocksJdbcSourceTest {

    private static final Set<String> JDBC_KEYS =
            Set.of(
                    "scan.where",
                    "scan.partition.num",
                    "lookup.cache",
                    "lookup.partial-cache.max-rows",
                    "lookup.partial-cache.expire-after-write");

    @Test
    void theUrlGetsTheDatabaseAndAnUnusualTableNameIsQuoted() {
        Map<String, String> jdbc =
                translate(
                        Map.of(
                                "jdbc-url", "jdbc:mysql://fe1:9030,fe2:9030?useSSL=true",
                                "database-name", "shop",
                                "table-name", "we`ird",
                                "scan.partition.num", "4",
                                "sink.buffer-flush.max-rows", "10",
                                "properties.socketTimeout", "1000"));
        assertThat(jdbc)
                .containsEntry("url", "jdbc:mysql://fe1:9030,fe2:9030/shop?useSSL=true")
                .containsEntry("table-name", "`we``ird`")
                .containsEntry("username", "u")
                .containsEntry("password", "secret")
                .containsEntry("scan.partition.num", "4")
                .containsEntry("properties.socketTimeout", "1000")
                .doesNotContainKeys("jdbc-url", "database-name", "sink.buffer-flush.max-rows");
    }

    @Test
    void aPlainTableNameStaysAsItIs() {
        assertThat(
                        translate(
                                Map.of(
                                        "jdbc-url", "jdbc:mysql://fe:9030",
                                        "database-name", "shop",
                                        "table-name", "Orders_2024")))
                .containsEntry("table-name", "Orders_2024");
    }

    @Test
    void aDatabaseInTheUrlIsReplaced() {
        assertThat(StarRocksJdbcSource.withDatabase("jdbc:mysql://fe:9030/other", "shop"))
                .isEqualTo("jdbc:mysql://fe:9030/shop");
        assertThat(StarRocksJdbcSource.withDatabase("jdbc:mysql://fe:9030/", "shop"))
                .isEqualTo("jdbc:mysql://fe:9030/shop");
        assertThat(StarRocksJdbcSource.withDatabase("jdbc:mysql://fe:9030/x?a=b/c", "shop"))
                .isEqualTo("jdbc:mysql://fe:9030/shop?a=b/c");
    }

    @Test
    void theStarRocksConnectorsReadKeysAreTranslated() {
        Map<String, String> jdbc =
                translate(
                        Map.of(
                                "jdbc-url", "jdbc:mysql://fe:9030",
                                "database-name", "shop",
                                "table-name", "orders",
                                "scan.filter", "id > 3",
                                "scan.params.query-timeout-s", "3600",
                                "scan.connect.timeout-ms", "2500",
                                "lookup.cache.max-rows", "1000",
                                "lookup.cache.ttl-ms", "60000",
                                "scan-url", "fe:8030"));
        assertThat(jdbc)
                .containsEntry("scan.where", "id > 3")
                .containsEntry("properties.sessionVariables", "query_timeout=3600")
                .containsEntry("properties.connectTimeout", "2500")
                .containsEntry("lookup.cache", "PARTIAL")
                .containsEntry("lookup.partial-cache.max-rows", "1000")
                .containsEntry("lookup.partial-cache.expire-after-write", "60000 ms")
                .doesNotContainKeys("scan.filter", "scan-url", "lookup.cache.ttl-ms");
    }

    @Test
    void theJdbcKeysWinOverTheirStarRocksForms() {
        Map<String, String> jdbc =
                translate(
                        Map.of(
                                "jdbc-url", "jdbc:mysql://fe:9030",
                                "database-name", "shop",
                                "table-name", "orders",
                                "scan.filter", "id > 3",
                                "scan.where", "id > 5",
                                "scan.params.query-timeout-s", "60",
                                "properties.sessionVariables", "exec_mem_limit=1"));
        assertThat(jdbc)
                .containsEntry("scan.where", "id > 5")
                .containsEntry("properties.sessionVariables", "exec_mem_limit=1,query_timeout=60");
    }

    private static Map<String, String> translate(Map<String, String> given) {
        Map<String, String> table = new HashMap<>(given);
        table.put("connector", "flinkx-starrocks");
        table.put("username", "u");
        table.put("password", "secret");
        return StarRocksJdbcSource.translate(table, Configuration.fromMap(table), JDBC_KEYS);
    }
}
