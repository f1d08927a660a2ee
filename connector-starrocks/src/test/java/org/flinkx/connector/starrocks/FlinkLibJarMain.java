package org.flinkx.connector.starrocks;

import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;

/**
 * Run by {@link FlinkLibJarITCase} in a JVM whose class path is Flink's {@code lib/} plus the
 * flink-lib jar: loads {@code rows} rows of about 1 KB each through {@code flinkx-starrocks} SQL
 * (streaming: the chained task needs no batch shuffle memory), CSV, at-least-once, and prints the
 * JVM's heap limit. Then plans a read of the same table, which needs the JDBC connector's jar
 * beside this one, and prints the planning error it gets without it.
 *
 * <p>Arguments: FE address, database, table, rows. The password comes from {@code
 * FLINKX_TEST_PASSWORD}.
 */
public final class FlinkLibJarMain {

    public static void main(String[] args) throws Exception {
        String fe = args[0];
        String database = args[1];
        String table = args[2];
        long rows = Long.parseLong(args[3]);
        TableEnvironment tEnv = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        tEnv.getConfig().set("parallelism.default", "1");
        tEnv.executeSql(
                "CREATE TABLE src (id BIGINT) WITH ('connector' = 'datagen', 'number-of-rows' = '"
                        + rows
                        + "', 'rows-per-second' = '1000000000', 'fields.id.kind' = 'sequence', "
                        + "'fields.id.start' = '1', "
                        + "'fields.id.end' = '"
                        + rows
                        + "')");
        tEnv.executeSql(
                "CREATE TABLE sr (id BIGINT, payload STRING) WITH ('connector' = 'flinkx-starrocks', "
                        + "'load-url' = '"
                        + fe
                        + "', 'database-name' = '"
                        + database
                        + "', 'table-name' = '"
                        + table
                        + "', 'username' = 'root', 'password' = '"
                        + System.getenv("FLINKX_TEST_PASSWORD")
                        + "', 'sink.buffer-flush.max-bytes' = '16mb')");
        tEnv.executeSql(
                        "INSERT INTO sr SELECT id, LPAD(CAST(id AS STRING), 1000, 'payload-') FROM src")
                .await();
        System.out.println("maxHeap=" + Runtime.getRuntime().maxMemory());
        tEnv.executeSql(
                "CREATE TABLE sr_read (id BIGINT) WITH ('connector' = 'flinkx-starrocks', "
                        + "'jdbc-url' = 'jdbc:mysql://127.0.0.1:9030', 'database-name' = '"
                        + database
                        + "', 'table-name' = '"
                        + table
                        + "', 'username' = 'root')");
        try {
            tEnv.explainSql("SELECT * FROM sr_read");
            System.out.println("readPlanned");
        } catch (org.apache.flink.table.api.ValidationException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            System.out.println("readRefused=" + root.getMessage());
        }
    }

    private FlinkLibJarMain() {}
}
