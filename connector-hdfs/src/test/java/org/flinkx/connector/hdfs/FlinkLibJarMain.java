package org.flinkx.connector.hdfs;

import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

/**
 * Run by {@link FlinkLibJarITCase} in a JVM whose class path holds Flink, Hadoop and the flink-lib
 * jar instead of the connector's classes and its Parquet/ORC dependencies: writes and reads
 * Parquet, ORC and gzip'd JSON through SQL only, and prints what it read.
 */
public final class FlinkLibJarMain {

    public static void main(String[] args) throws Exception {
        String dir = args[0];
        TableEnvironment tEnv = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        for (String format : new String[] {"parquet", "orc", "json"}) {
            String compression = format.equals("json") ? "gzip" : "snappy";
            tEnv.executeSql(
                    "CREATE TABLE t_"
                            + format
                            + " (id INT, name STRING, price DECIMAL(10, 2)) "
                            + "WITH ('connector' = 'flinkx-hdfs', 'path' = '"
                            + dir
                            + "/"
                            + format
                            + "', "
                            + "'format' = '"
                            + format
                            + "', 'compression' = '"
                            + compression
                            + "')");
            tEnv.executeSql(
                            "INSERT INTO t_"
                                    + format
                                    + " VALUES (1, 'a', 1.50), (2, 'ü', 2.25), (3, CAST(NULL AS STRING), 3.00)")
                    .await();
            long count = 0;
            double sum = 0;
            try (CloseableIterator<Row> it =
                    tEnv.executeSql("SELECT COUNT(*), SUM(price) FROM t_" + format).collect()) {
                Row row = it.next();
                count = (Long) row.getField(0);
                sum = ((java.math.BigDecimal) row.getField(1)).doubleValue();
            }
            System.out.println(format + " rows=" + count + " sum=" + sum);
        }
        System.exit(0);
    }

    private FlinkLibJarMain() {}
}
