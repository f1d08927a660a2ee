package org.flinkx.connector.kafka;

import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.CloseableIterator;

/**
 * Run by {@link FlinkLibJarITCase} in a JVM whose class path holds Flink's {@code lib/} and the
 * flink-lib jar, nothing else: copies a topic into another through SQL (exactly-once, an upsert
 * table), reads the copy back and prints it. Arguments: bootstrap servers, source topic, target
 * topic.
 */
public final class FlinkLibJarMain {

    public static void main(String[] args) throws Exception {
        String servers = args[0];
        TableEnvironment tEnv = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        tEnv.getConfig().set("execution.checkpointing.interval", "200ms");
        String common =
                "'connector' = 'flinkx-kafka', 'properties.bootstrap.servers' = '" + servers + "'";
        tEnv.executeSql(
                "CREATE TABLE src (id BIGINT, name STRING, `offset` BIGINT METADATA VIRTUAL) WITH ("
                        + common
                        + ", 'topic' = '"
                        + args[1]
                        + "', 'format' = 'json', 'scan.startup.mode' = 'earliest-offset',"
                        + " 'scan.bounded.mode' = 'latest-offset')");
        tEnv.executeSql(
                "CREATE TABLE dst (id BIGINT, name STRING, PRIMARY KEY (id) NOT ENFORCED) WITH ("
                        + common
                        + ", 'topic' = '"
                        + args[2]
                        + "', 'key.format' = 'json', 'value.format' = 'json',"
                        + " 'sink.delivery-guarantee' = 'exactly-once',"
                        + " 'sink.transactional-id-prefix' = 'flink-lib-jar',"
                        + " 'scan.bounded.mode' = 'latest-offset',"
                        + " 'properties.isolation.level' = 'read_committed')");
        tEnv.executeSql(
                        "INSERT INTO dst SELECT id, CONCAT(name, '@', CAST(`offset` AS STRING)) FROM src")
                .await();
        // the upsert table's changelog, applied: the last value of each key
        Map<Object, String> table = new TreeMap<>();
        try (CloseableIterator<Row> it = tEnv.executeSql("SELECT id, name FROM dst").collect()) {
            while (it.hasNext()) {
                Row row = it.next();
                if (row.getKind() == RowKind.DELETE || row.getKind() == RowKind.UPDATE_BEFORE) {
                    table.remove(row.getField(0));
                } else {
                    table.put(row.getField(0), (String) row.getField(1));
                }
            }
        }
        System.out.println("rows=" + table);
    }
}
