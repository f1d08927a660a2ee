package org.flinkx.connector.es;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

/**
 * Run by {@link FlinkLibJarITCase} in a JVM whose class path holds Flink's {@code lib/} and the
 * flink-lib jar, nothing else: writes rows into an index through SQL (upserts by key), reads the
 * index back with a projection and a metadata column, joins a lookup against it, and prints what it
 * read. Arguments: the node's URL, the index.
 */
public final class FlinkLibJarMain {

    public static void main(String[] args) throws Exception {
        String common = "'connector' = 'flinkx-es', 'hosts' = '" + args[0] + "'";
        TableEnvironment tEnv = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        tEnv.executeSql(
                "CREATE TABLE docs (name STRING, id BIGINT, qty INT, doc_id STRING METADATA FROM "
                        + "'_id' VIRTUAL, PRIMARY KEY (id) NOT ENFORCED) WITH ("
                        + common
                        + ", 'index' = '"
                        + args[1]
                        + "', 'sink.bulk-flush.max-actions' = '2')");
        tEnv.executeSql(
                        "INSERT INTO docs (id, name, qty) VALUES (1, 'a', 10), (2, 'b', 20), "
                                + "(1, 'c', 30)")
                .await();
        tEnv.executeSql(
                "CREATE TEMPORARY VIEW ids AS SELECT * FROM (VALUES (1), (2), (3)) AS t(k)");
        List<String> read = new ArrayList<>();
        try (CloseableIterator<Row> it =
                tEnv.executeSql("SELECT doc_id, name FROM docs WHERE qty > 0 ORDER BY doc_id")
                        .collect()) {
            it.forEachRemaining(row -> read.add(row.getField(0) + "=" + row.getField(1)));
        }
        System.out.println("scan=" + read);
        TableEnvironment stream = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        stream.executeSql(
                "CREATE TABLE docs (name STRING, id BIGINT, qty INT, PRIMARY KEY (id) NOT ENFORCED)"
                        + " WITH ("
                        + common
                        + ", 'index' = '"
                        + args[1]
                        + "')");
        stream.executeSql(
                "CREATE TABLE keys_src (k BIGINT, pt AS PROCTIME()) WITH ('connector' = "
                        + "'datagen', 'number-of-rows' = '3', 'fields.k.kind' = 'sequence', "
                        + "'fields.k.start' = '1', 'fields.k.end' = '3')");
        List<String> joined = new ArrayList<>();
        try (CloseableIterator<Row> it =
                stream.executeSql(
                                "SELECT k, d.name FROM keys_src LEFT JOIN docs FOR SYSTEM_TIME AS "
                                        + "OF keys_src.pt AS d ON d.id = keys_src.k")
                        .collect()) {
            it.forEachRemaining(row -> joined.add(row.getField(0) + "=" + row.getField(1)));
        }
        joined.sort(null);
        System.out.println("lookup=" + joined);
    }
}
