package org.flinkx.connector.binlog;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

/**
 * Run by {@link FlinkLibJarITCase} in a JVM whose class path holds Flink and the flink-lib jar
 * instead of the connector's classes, Debezium, Kafka Connect and the JDBC drivers: reads a table's
 * chunked snapshot and a binlog insert through SQL only, and prints what it read. Arguments: port,
 * database, table; the user and password come from the environment.
 */
public final class FlinkLibJarMain {

    public static void main(String[] args) throws Exception {
        String port = args[0];
        String database = args[1];
        String table = args[2];
        String user = System.getenv("FLINKX_TEST_USER");
        String password = System.getenv("FLINKX_TEST_PASSWORD");
        TableEnvironment tEnv = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        tEnv.getConfig().set("parallelism.default", "2");
        tEnv.executeSql(
                "CREATE TABLE t (id BIGINT, name STRING, PRIMARY KEY (id) NOT ENFORCED) WITH ("
                        + "'connector' = 'flinkx-binlog', 'hostname' = '127.0.0.1', 'port' = '"
                        + port
                        + "', "
                        + "'username' = '"
                        + user
                        + "', 'password' = '"
                        + password
                        + "', "
                        + "'tables' = '"
                        + database
                        + "\\."
                        + table
                        + "', 'scan.snapshot.chunk-size' = '2')");
        TableResult result = tEnv.executeSql("SELECT * FROM t");
        List<String> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = result.collect()) {
            for (int i = 0; i < 3; i++) {
                rows.add(it.next().toString());
            }
            rows.sort(null);
            try (Connection c =
                            DriverManager.getConnection(
                                    "jdbc:mariadb://127.0.0.1:" + port + "/" + database,
                                    user,
                                    password);
                    Statement s = c.createStatement()) {
                s.execute("UPDATE " + table + " SET name = 'changed' WHERE id = 2");
            }
            rows.add(it.next().toString());
            rows.add(it.next().toString());
        } finally {
            result.getJobClient().ifPresent(job -> job.cancel());
        }
        System.out.println("rows=" + rows);
        System.exit(0);
    }

    private FlinkLibJarMain() {}
}
