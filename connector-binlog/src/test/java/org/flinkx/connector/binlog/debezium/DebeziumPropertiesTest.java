package org.flinkx.connector.binlog.debezium;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.logical.RowType;
import org.flinkx.connector.binlog.config.BinlogConfig;
import org.flinkx.connector.binlog.config.ServerFlavor;
import org.flinkx.connector.binlog.config.StartupMode;
import org.flinkx.connector.common.options.DirtyDataConfig;
import org.flinkx.connector.common.options.DirtySinkKind;
import org.flinkx.connector.common.options.ErrorLimit;
import org.junit.jupiter.api.Test;

/**
 * The Debezium settings of both server kinds (no MySQL 8 server can run here: the MySQL path is
 * covered here).
 */
class DebeziumPropertiesTest {

    private static BinlogConfig config(
            ServerFlavor flavor, StartupMode mode, Map<String, String> extra) {
        return new BinlogConfig(
                "flinkx-binlog",
                flavor,
                "db.example.com",
                3307,
                "cdc",
                "s3cret",
                List.of("shop\\.orders", "shop\\.items_[0-9]+"),
                List.of("shop\\.items_0"),
                (RowType) DataTypes.ROW(DataTypes.FIELD("id", DataTypes.INT())).getLogicalType(),
                List.of(),
                mode,
                null,
                0,
                null,
                0,
                null,
                extra,
                new ErrorLimit(0, -1),
                new DirtyDataConfig(DirtySinkKind.LOG, null),
                org.flinkx.connector.common.options.RateLimit.UNLIMITED,
                true,
                8192,
                Map.of(),
                Map.of());
    }

    @Test
    void mysqlUsesDebeziumsMySqlConnector() {
        Properties p =
                DebeziumProperties.of(
                        config(ServerFlavor.MYSQL, StartupMode.INITIAL, Map.of()),
                        ServerFlavor.MYSQL,
                        "engine",
                        "history-1",
                        5401,
                        null,
                        false,
                        "+08:00");
        assertThat(p.getProperty("connector.class"))
                .isEqualTo("io.debezium.connector.mysql.MySqlConnector");
        assertThat(p.getProperty("database.hostname")).isEqualTo("db.example.com");
        assertThat(p.getProperty("database.port")).isEqualTo("3307");
        assertThat(p.getProperty("database.server.id")).isEqualTo("5401");
        assertThat(p.getProperty("table.include.list"))
                .isEqualTo("shop\\.orders,shop\\.items_[0-9]+");
        assertThat(p.getProperty("table.exclude.list")).isEqualTo("shop\\.items_0");
        assertThat(p.getProperty("snapshot.mode")).isEqualTo("initial");
        assertThat(p.getProperty("database.connectionTimeZone")).isEqualTo("+08:00");
        assertThat(p.getProperty("database.forceConnectionTimeZoneToSession")).isEqualTo("true");
        assertThat(p.getProperty("offset.storage")).isEqualTo(FlinkxOffsetStore.class.getName());
        assertThat(p.getProperty("schema.history.internal"))
                .isEqualTo(FlinkxSchemaHistory.class.getName());
        assertThat(p.getProperty(FlinkxSchemaHistory.INSTANCE)).isEqualTo("history-1");
        assertThat(p.getProperty(FlinkxOffsetStore.OFFSET)).isNull();
        assertThat(p.getProperty("heartbeat.interval.ms")).isEqualTo("30000");
        assertThat(p.getProperty("extended.headers.enabled")).isEqualTo("false");
    }

    @Test
    void mariadbUsesDebeziumsMariaDbConnector() {
        Properties p =
                DebeziumProperties.of(
                        config(ServerFlavor.MARIADB, StartupMode.LATEST, Map.of()),
                        ServerFlavor.MARIADB,
                        "engine",
                        "h",
                        5402,
                        null,
                        false,
                        "UTC");
        assertThat(p.getProperty("connector.class"))
                .isEqualTo("io.debezium.connector.mariadb.MariaDbConnector");
        assertThat(p.getProperty("snapshot.mode")).isEqualTo("no_data");
        // the session runs in the JVM's zone; the driver converts nothing on top
        assertThat(p.getProperty("database.timezone")).isEqualTo("disable");
        assertThat(p.getProperty("database.sessionVariables")).isEqualTo("time_zone='UTC'");
    }

    @Test
    void snapshotModeFollowsTheStartAndTheHistory() {
        assertThat(DebeziumProperties.snapshotMode(StartupMode.INITIAL, false, false))
                .isEqualTo("initial");
        // resumed after the snapshot: Debezium sees the completed snapshot in the offset
        assertThat(DebeziumProperties.snapshotMode(StartupMode.INITIAL, true, true))
                .isEqualTo("initial");
        assertThat(DebeziumProperties.snapshotMode(StartupMode.LATEST, false, false))
                .isEqualTo("no_data");
        // a computed start position has no history yet: rebuild it from the current tables
        assertThat(DebeziumProperties.snapshotMode(StartupMode.SPECIFIC_OFFSET, true, false))
                .isEqualTo("recovery");
        assertThat(DebeziumProperties.snapshotMode(StartupMode.GTID, true, true))
                .isEqualTo("no_data");
    }

    @Test
    void aHistoryRebuiltForAStartPositionTakesNoLock() {
        Properties recovery =
                DebeziumProperties.of(
                        config(ServerFlavor.MARIADB, StartupMode.INITIAL, Map.of()),
                        ServerFlavor.MARIADB,
                        "engine",
                        "h",
                        1,
                        "{\"file\":\"mysql-bin.000001\",\"pos\":4}",
                        false,
                        "UTC");
        assertThat(recovery.getProperty("snapshot.mode")).isEqualTo("recovery");
        assertThat(recovery.getProperty("snapshot.locking.mode")).isEqualTo("none");
        Properties snapshot =
                DebeziumProperties.of(
                        config(ServerFlavor.MYSQL, StartupMode.INITIAL, Map.of()),
                        ServerFlavor.MYSQL,
                        "engine",
                        "h",
                        1,
                        null,
                        false,
                        "UTC");
        assertThat(snapshot.getProperty("snapshot.locking.mode")).isEqualTo("minimal");
    }

    @Test
    void passThroughPropertiesWinAndTheStartOffsetIsHandedOver() {
        Properties p =
                DebeziumProperties.of(
                        config(
                                ServerFlavor.MYSQL,
                                StartupMode.SPECIFIC_OFFSET,
                                Map.of("snapshot.locking.mode", "extended")),
                        ServerFlavor.MYSQL,
                        "engine",
                        "h",
                        1,
                        "{\"file\":\"mysql-bin.000001\",\"pos\":4}",
                        false,
                        "UTC");
        assertThat(p.getProperty("snapshot.locking.mode")).isEqualTo("extended");
        assertThat(p.getProperty(FlinkxOffsetStore.OFFSET))
                .isEqualTo("{\"file\":\"mysql-bin.000001\",\"pos\":4}");
        assertThat(p.getProperty("snapshot.mode")).isEqualTo("recovery");
    }

    @Test
    void theConfigNeverPrintsThePassword() {
        assertThat(config(ServerFlavor.MYSQL, StartupMode.INITIAL, Map.of()).toString())
                .doesNotContain("s3cret");
    }
}
