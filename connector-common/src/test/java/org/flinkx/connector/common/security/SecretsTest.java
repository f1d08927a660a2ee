package org.flinkx.connector.common.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void urlParametersAndUserInfo() {
        assertThat(
                        Secrets.maskUrl(
                                "jdbc:postgresql://db:5432/shop?user=sync&password=s3cr3t&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/shop?user=sync&password=******&ssl=true");
        assertThat(
                        Secrets.maskUrl(
                                "jdbc:mariadb://db/shop?sslPassword=a&trustStorePassword=b;pwd=c"))
                .isEqualTo(
                        "jdbc:mariadb://db/shop?sslPassword=******&trustStorePassword=******;pwd=******");
        assertThat(Secrets.maskUrl("jdbc:sqlserver://db;user=u;password=p;databaseName=x"))
                .isEqualTo("jdbc:sqlserver://db;user=u;password=******;databaseName=x");
        assertThat(Secrets.maskUrl("http://admin:hunter2@es:9200/_bulk?api_key=k"))
                .isEqualTo("http://admin:******@es:9200/_bulk?api_key=******");
        assertThat(Secrets.maskUrl("jdbc:postgresql://db:5432/shop?user=sync"))
                .isEqualTo("jdbc:postgresql://db:5432/shop?user=sync");
        assertThat(Secrets.maskUrl("hdfs://namenode:8020/warehouse"))
                .isEqualTo("hdfs://namenode:8020/warehouse");
    }

    @Test
    void optionKeysInEveryConnectorsForm() {
        assertThat(Secrets.isSecretKey("password")).isTrue();
        assertThat(Secrets.isSecretKey("properties.password")).isTrue();
        assertThat(Secrets.isSecretKey("debezium.database.password")).isTrue();
        assertThat(Secrets.isSecretKey("properties.sasl.jaas.config")).isFalse();
        assertThat(Secrets.isSecretKey("sink.properties.token")).isTrue();
        assertThat(Secrets.isSecretKey("api-key")).isTrue();
        assertThat(Secrets.isSecretKey("properties.ssl.truststore.password")).isTrue();
        assertThat(Secrets.isSecretKey("username")).isFalse();
        assertThat(Secrets.isSecretKey("table-name")).isFalse();
        assertThat(Secrets.isSecretKey("scan.partition.num")).isFalse();

        Map<String, String> options = new LinkedHashMap<>();
        options.put("url", "jdbc:mariadb://db/shop?password=inurl");
        options.put("username", "sync");
        options.put("password", "opt");
        options.put("properties.password", "prop");
        assertThat(Secrets.maskOptions(options))
                .containsExactly(
                        Map.entry("url", "jdbc:mariadb://db/shop?password=******"),
                                Map.entry("username", "sync"),
                        Map.entry("password", "******"),
                                Map.entry("properties.password", "******"));
    }

    @Test
    void clientPropertiesAndSql() {
        Properties debezium = new Properties();
        debezium.setProperty("database.hostname", "db");
        debezium.setProperty("database.password", "dbz");
        assertThat(Secrets.describe(debezium))
                .isEqualTo("{database.hostname=db, database.password=******}");
        assertThat(
                        Secrets.maskSql(
                                "CREATE TABLE t (id INT) WITH ('connector' = 'x', 'password' = 'it''s', "
                                        + "'properties.password'='p2', 'username' = 'u')"))
                .isEqualTo(
                        "CREATE TABLE t (id INT) WITH ('connector' = 'x', 'password' = '******', "
                                + "'properties.password'='******', 'username' = 'u')");
    }
}
