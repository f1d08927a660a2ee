package org.flinkx.connector.jdbc;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

/**
 * Run by {@link FlinkLibJarITCase} in a JVM whose class path is Flink's {@code lib/}, the flink-lib
 * jar and the drivers a user adds for {@code flinkx-mysql} (MySQL Connector/J) and {@code
 * flinkx-jdbc} (H2): a job through each identifier the jar provides, printing what it read.
 * Arguments: PostgreSQL URL, MariaDB URL, the same MariaDB database as a {@code jdbc:mysql:} URL,
 * an H2 URL, the source and target tables; user and password come from the environment.
 */
public final class FlinkLibJarMain {

    public static void main(String[] args) throws Exception {
        String pgUrl = args[0];
        String mariaUrl = args[1];
        String mysqlUrl = args[2];
        String h2Url = args[3];
        String source = args[4];
        String target = args[5];
        String pgUser = System.getenv("FLINKX_PG_USER");
        String pgPassword = System.getenv("FLINKX_PG_PASSWORD");
        String mariaUser = System.getenv("FLINKX_MARIA_USER");
        String mariaPassword = System.getenv("FLINKX_MARIA_PASSWORD");
        TableEnvironment tEnv = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        tEnv.getConfig().set("parallelism.default", "2");
        String columns =
                "id BIGINT, name STRING, amount DECIMAL(10, 2), PRIMARY KEY (id) NOT ENFORCED";
        tEnv.executeSql(
                "CREATE TABLE pg_src ("
                        + columns
                        + ") WITH ('connector' = 'flinkx-postgresql', "
                        + "'url' = '"
                        + pgUrl
                        + "', 'table-name' = '"
                        + source
                        + "', 'username' = '"
                        + pgUser
                        + "', 'password' = '"
                        + pgPassword
                        + "')");
        tEnv.executeSql(
                "CREATE TABLE maria_dst ("
                        + columns
                        + ") WITH ('connector' = 'flinkx-mariadb', "
                        + "'url' = '"
                        + mariaUrl
                        + "', 'table-name' = '"
                        + target
                        + "', 'username' = '"
                        + mariaUser
                        + "', 'password' = '"
                        + mariaPassword
                        + "')");
        tEnv.executeSql("INSERT INTO maria_dst SELECT * FROM pg_src").await();
        System.out.println("postgresql->mariadb done");

        tEnv.executeSql(
                "CREATE TABLE mysql_src ("
                        + columns
                        + ") WITH ('connector' = 'flinkx-mysql', "
                        + "'url' = '"
                        + mysqlUrl
                        + "', 'table-name' = '"
                        + target
                        + "', 'username' = '"
                        + mariaUser
                        + "', 'password' = '"
                        + mariaPassword
                        + "')");
        System.out.println(
                "mysql " + rows(tEnv, "SELECT COUNT(*), SUM(amount) FROM mysql_src WHERE id > 0"));

        tEnv.executeSql(
                "CREATE TABLE h2 (ID BIGINT, NAME STRING) WITH ('connector' = 'flinkx-jdbc', "
                        + "'url' = '"
                        + h2Url
                        + "', 'driver' = 'org.h2.Driver', 'table-name' = 'T')");
        tEnv.executeSql("INSERT INTO h2 VALUES (1, 'a'), (2, 'ü')").await();
        System.out.println("jdbc " + rows(tEnv, "SELECT NAME, ID FROM h2"));
        System.exit(0);
    }

    private static List<String> rows(TableEnvironment tEnv, String query) throws Exception {
        List<String> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = tEnv.executeSql(query).collect()) {
            it.forEachRemaining(row -> rows.add(row.toString()));
        }
        rows.sort(null);
        return rows;
    }

    private FlinkLibJarMain() {}
}
