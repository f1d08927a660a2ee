package org.flinkx.connector.jdbc.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DialectStatementsTest {

    private static final List<String> COLUMNS = List.of("id", "na`me", "amo\"unt");
    private static final List<String> KEY = List.of("id");

    @Test
    void dialectsAreFoundByUrl() {
        assertThat(JdbcDialects.forUrl("jdbc:postgresql://h/db"))
                .isInstanceOf(PostgresDialect.class);
        assertThat(JdbcDialects.forUrl("jdbc:mariadb://h/db")).isInstanceOf(MariaDbDialect.class);
        assertThat(JdbcDialects.forUrl("jdbc:mysql://h/db"))
                .isExactlyInstanceOf(MySqlDialect.class);
        assertThat(JdbcDialects.forUrl("jdbc:h2:mem:x")).isInstanceOf(GenericDialect.class);
    }

    @Test
    void identifiersAreQuotedAndEscaped() {
        assertThat(new MySqlDialect().quoteQualified("shop.or`ders"))
                .isEqualTo("`shop`.`or``ders`");
        assertThat(new PostgresDialect().quoteQualified("public.\"x"))
                .isEqualTo("\"public\".\"\"\"x\"");
    }

    @Test
    void multiRowStatementsRepeatOnlyTheValuesTuple() {
        MySqlDialect mysql = new MySqlDialect();
        assertThat(mysql.upsertStatement("t", COLUMNS, KEY, 2).orElseThrow())
                .isEqualTo(
                        "INSERT INTO `t` (`id`, `na``me`, `amo\"unt`) VALUES (?, ?, ?), (?, ?, ?)"
                                + " ON DUPLICATE KEY UPDATE `na``me`=VALUES(`na``me`), `amo\"unt`=VALUES(`amo\"unt`)");
        assertThat(mysql.multiRowStatementRows(12)).isEqualTo(1000);
        assertThat(mysql.multiRowStatementRows(200)).isEqualTo(327);
        assertThat(new PostgresDialect().multiRowStatementRows(12)).isZero();
    }

    /**
     * Multi-row statements are built from their parts: column names that look like SQL stay names.
     */
    @Test
    void multiRowStatementsOfEveryDialectKeepOddColumnNames() {
        List<String> odd = List.of("id", "VALUES (?, ?)", ") VALUES (");
        MySqlDialect mysql = new MySqlDialect();
        String columns = "(`id`, `VALUES (?, ?)`, `) VALUES (`)";
        assertThat(Statements.insert(mysql, "vals", odd, 2))
                .isEqualTo("INSERT INTO `vals` " + columns + " VALUES (?, ?, ?), (?, ?, ?)");
        assertThat(mysql.upsertStatement("vals", odd, KEY, 2).orElseThrow())
                .isEqualTo(
                        "INSERT INTO `vals` "
                                + columns
                                + " VALUES (?, ?, ?), (?, ?, ?) ON DUPLICATE KEY UPDATE "
                                + "`VALUES (?, ?)`=VALUES(`VALUES (?, ?)`), `) VALUES (`=VALUES(`) VALUES (`)");
        assertThat(mysql.replaceStatement("vals", odd, KEY, 2).orElseThrow())
                .isEqualTo("REPLACE INTO `vals` " + columns + " VALUES (?, ?, ?), (?, ?, ?)");
        assertThat(new MariaDbDialect().upsertStatement("vals", odd, KEY, 3).orElseThrow())
                .startsWith(
                        "INSERT INTO `vals` "
                                + columns
                                + " VALUES (?, ?, ?), (?, ?, ?), (?, ?, ?) ON DUPLICATE");
        PostgresDialect pg = new PostgresDialect();
        assertThat(pg.upsertStatement("vals", odd, KEY, 2).orElseThrow())
                .isEqualTo(
                        "INSERT INTO \"vals\" (\"id\", \"VALUES (?, ?)\", \") VALUES (\") VALUES (?, ?, ?), (?, ?, ?) "
                                + "ON CONFLICT (\"id\") DO UPDATE SET \"VALUES (?, ?)\"=EXCLUDED.\"VALUES (?, ?)\", "
                                + "\") VALUES (\"=EXCLUDED.\") VALUES (\"");
        assertThat(Statements.insert(new GenericDialect(), "vals", odd, 1))
                .isEqualTo(
                        "INSERT INTO \"vals\" (\"id\", \"VALUES (?, ?)\", \") VALUES (\") VALUES (?, ?, ?)");
    }

    @Test
    void mysqlUpsertReplaceAndUpdate() {
        MySqlDialect mysql = new MySqlDialect();
        assertThat(mysql.upsertStatement("t", COLUMNS, KEY).orElseThrow())
                .isEqualTo(
                        "INSERT INTO `t` (`id`, `na``me`, `amo\"unt`) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE "
                                + "`na``me`=VALUES(`na``me`), `amo\"unt`=VALUES(`amo\"unt`)");
        assertThat(mysql.replaceStatement("t", COLUMNS, KEY).orElseThrow())
                .isEqualTo("REPLACE INTO `t` (`id`, `na``me`, `amo\"unt`) VALUES (?, ?, ?)");
        assertThat(mysql.upsertStatement("t", List.of("id"), KEY).orElseThrow())
                .endsWith("ON DUPLICATE KEY UPDATE `id`=`id`");
        assertThat(Statements.update(mysql, "t", COLUMNS, KEY))
                .isEqualTo("UPDATE `t` SET `na``me` = ?, `amo\"unt` = ? WHERE `id` = ?");
        assertThat(Statements.delete(mysql, "db.t", List.of("a", "b")))
                .isEqualTo("DELETE FROM `db`.`t` WHERE `a` = ? AND `b` = ?");
    }

    @Test
    void postgresUpsertUsesOnConflict() {
        PostgresDialect pg = new PostgresDialect();
        assertThat(pg.upsertStatement("s.t", COLUMNS, KEY).orElseThrow())
                .isEqualTo(
                        "INSERT INTO \"s\".\"t\" (\"id\", \"na`me\", \"amo\"\"unt\") VALUES (?, ?, ?) "
                                + "ON CONFLICT (\"id\") DO UPDATE SET \"na`me\"=EXCLUDED.\"na`me\", "
                                + "\"amo\"\"unt\"=EXCLUDED.\"amo\"\"unt\"");
        assertThat(pg.upsertStatement("t", List.of("id"), KEY).orElseThrow())
                .endsWith("DO NOTHING");
        assertThat(pg.replaceStatement("t", COLUMNS, KEY))
                .isEqualTo(pg.upsertStatement("t", COLUMNS, KEY));
    }

    @Test
    void genericDialectHasNoUpsertStatement() {
        assertThat(new GenericDialect().upsertStatement("t", COLUMNS, KEY)).isEmpty();
    }

    @Test
    void mysqlUrlsWorkWithTheBundledMariaDbDriver() {
        // Connector/J is an optional dependency; without it the MariaDB driver is used.
        MySqlDialect mysql = new MySqlDialect();
        if (!MySqlDialect.mysqlDriverPresent()) {
            assertThat(mysql.defaultDriverClass()).isEqualTo("org.mariadb.jdbc.Driver");
            assertThat(mysql.driverUrl("jdbc:mysql://h:3306/db?useSSL=false"))
                    .isEqualTo("jdbc:mysql://h:3306/db?useSSL=false&permitMysqlScheme");
        } else {
            assertThat(mysql.defaultDriverClass()).isEqualTo("com.mysql.cj.jdbc.Driver");
            assertThat(mysql.driverUrl("jdbc:mysql://h/db")).isEqualTo("jdbc:mysql://h/db");
        }
        assertThat(new MariaDbDialect().driverUrl("jdbc:mysql://h/db"))
                .isEqualTo("jdbc:mysql://h/db?permitMysqlScheme");
        assertThat(mysql.xaPrepareBindsConnection()).isTrue();
        assertThat(new PostgresDialect().xaPrepareBindsConnection()).isFalse();
    }
}
