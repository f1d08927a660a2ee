package org.flinkx.connector.binlog.table;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.Test;

/**
 * Wrong options fail at planning (no server needed) with a message naming the key and what is
 * allowed.
 */
class BinlogTableFactoryTest {

    private static String planningError(String options) {
        TableEnvironment tEnv = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        tEnv.executeSql(
                "CREATE TABLE t (id BIGINT, name STRING) WITH ('connector' = 'flinkx-binlog', "
                        + "'hostname' = '127.0.0.1', 'username' = 'cdc', 'password' = 'secret-pw', 'tables' = 'shop\\.t'"
                        + options
                        + ")");
        Throwable error =
                org.assertj.core.api.Assertions.catchThrowable(
                        () -> tEnv.explainSql("SELECT * FROM t"));
        assertThat(error).as("planning fails").isNotNull();
        String message = ExceptionUtils.stringifyException(error);
        assertThat(message).doesNotContain("secret-pw");
        return message;
    }

    @Test
    void unknownStartupMode() {
        assertThat(planningError(", 'scan.startup.mode' = 'newest'"))
                .contains("scan.startup.mode")
                .contains("initial, latest, earliest, specific-offset, gtid, timestamp");
    }

    @Test
    void startupModeWithoutItsPosition() {
        assertThat(planningError(", 'scan.startup.mode' = 'specific-offset'"))
                .contains(
                        "'scan.startup.mode' = 'specific-offset' needs 'scan.startup.specific-offset.file'");
        assertThat(planningError(", 'scan.startup.mode' = 'gtid'"))
                .contains("'scan.startup.mode' = 'gtid' needs 'scan.startup.gtid'");
    }

    @Test
    void chunkSizeMustBePositive() {
        assertThat(planningError(", 'scan.snapshot.chunk-size' = '0'"))
                .contains("'scan.snapshot.chunk-size' must be a positive number of rows, not 0");
    }

    @Test
    void unknownServerType() {
        assertThat(planningError(", 'server-type' = 'oracle'"))
                .contains("server-type")
                .contains("auto, mariadb, mysql");
    }
}
