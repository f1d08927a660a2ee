package org.flinkx.connector.starrocks.testserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The test server's query port through the MariaDB driver and MySQL's Connector/J: the password is
 * checked, a primary-key table created over JDBC is there with its types, a refused statement comes
 * back as a MySQL error with the server's reason.
 */
class MysqlFrontendTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jdbc:mariadb:", "jdbc:mysql:"})
    void createsTablesOverTheMysqlProtocol(String driver) throws Exception {
        try (StarRocksTestServer server = StarRocksTestServer.start("root", "s3cret", 1)) {
            String url = server.jdbcUrl().replace("jdbc:mysql:", driver);
            try (Connection c = DriverManager.getConnection(url, "root", "s3cret");
                    Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE IF NOT EXISTS `lake`");
                s.execute(
                        "CREATE TABLE IF NOT EXISTS `lake`.`orders` (\n"
                                + "  `id` BIGINT NOT NULL,\n"
                                + "  `note` VARCHAR(400)\n"
                                + ") PRIMARY KEY (`id`)\nDISTRIBUTED BY HASH (`id`)");
                try (ResultSet rs = s.executeQuery("SELECT @@max_allowed_packet")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getLong(1)).isPositive();
                }
                assertThatThrownBy(
                                () ->
                                        s.execute(
                                                "CREATE TABLE `lake`.`bad` (`d` DOUBLE NOT NULL) "
                                                        + "PRIMARY KEY (`d`) DISTRIBUTED BY HASH (`d`)"))
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("Key column 'd' is DOUBLE");
                s.execute("ALTER TABLE `lake`.`orders` ADD COLUMN `extra` INT NULL");
                try (java.sql.PreparedStatement columns =
                        c.prepareStatement(
                                "SELECT COLUMN_NAME FROM information_schema.columns "
                                        + "WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
                    columns.setString(1, "lake");
                    columns.setString(2, "orders");
                    java.util.List<String> names = new java.util.ArrayList<>();
                    try (ResultSet rs = columns.executeQuery()) {
                        while (rs.next()) {
                            names.add(rs.getString(1));
                        }
                    }
                    assertThat(names).containsExactly("id", "note", "extra");
                }
                assertThatThrownBy(
                                () -> s.execute("ALTER TABLE `lake`.`orders` ADD COLUMN `id` INT"))
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("Duplicate column name 'id'");
                assertThatThrownBy(() -> s.execute("DROP TABLE `lake`.`orders`"))
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("does not run this statement");
            }
            assertThat(server.columnTypes("lake", "orders"))
                    .containsExactly(
                            Map.entry("id", "BIGINT"),
                            Map.entry("note", "VARCHAR(400)"),
                            Map.entry("extra", "INT"));

            assertThatThrownBy(() -> DriverManager.getConnection(url, "root", "wrong").close())
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("Access denied for user 'root'");
        }
    }
}
