package org.flinkx.connector.jdbc.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.catalog.UniqueConstraint;
import org.flinkx.connector.jdbc.dialect.MariaDbDialect;
import org.flinkx.connector.jdbc.dialect.PostgresDialect;
import org.junit.jupiter.api.Test;

/** The CREATE TABLE of a schema of every Flink type the catalogs map, for each database. */
class CreateTableStatementTest {

    private static final ResolvedSchema WIDE =
            new ResolvedSchema(
                    List.of(
                            Column.physical("b", DataTypes.BOOLEAN()),
                            Column.physical("t", DataTypes.TINYINT()),
                            Column.physical("s", DataTypes.SMALLINT()),
                            Column.physical("i", DataTypes.INT()),
                            Column.physical("id", DataTypes.BIGINT().notNull()),
                            Column.physical("f", DataTypes.FLOAT()),
                            Column.physical("d", DataTypes.DOUBLE().notNull()),
                            Column.physical("dec", DataTypes.DECIMAL(20, 4)),
                            Column.physical("c", DataTypes.CHAR(3)),
                            Column.physical("vc", DataTypes.VARCHAR(40)),
                            Column.physical("vc_long", DataTypes.VARCHAR(1000)),
                            Column.physical("code", DataTypes.STRING().notNull()),
                            Column.physical("txt", DataTypes.STRING()),
                            Column.physical("bin", DataTypes.BINARY(16)),
                            Column.physical("blob", DataTypes.BYTES()),
                            Column.physical("day", DataTypes.DATE()),
                            Column.physical("tm", DataTypes.TIME(3)),
                            Column.physical("ts", DataTypes.TIMESTAMP(9)),
                            Column.physical("at", DataTypes.TIMESTAMP_LTZ(3)),
                            Column.physical("we\"ird`name", DataTypes.INT())),
                    List.of(),
                    UniqueConstraint.primaryKey("pk", List.of("id", "code")),
                    List.of());

    @Test
    void postgresql() {
        assertThat(
                        CreateTableStatement.of(
                                "\"public\".\"wide\"",
                                WIDE,
                                new PostgresTypeMapping(),
                                new PostgresDialect()))
                .isEqualTo(
                        """
                        CREATE TABLE "public"."wide" (
                          "b" boolean NULL,
                          "t" smallint NULL,
                          "s" smallint NULL,
                          "i" integer NULL,
                          "id" bigint NOT NULL,
                          "f" real NULL,
                          "d" double precision NOT NULL,
                          "dec" numeric(20, 4) NULL,
                          "c" char(3) NULL,
                          "vc" varchar(40) NULL,
                          "vc_long" varchar(1000) NULL,
                          "code" text NOT NULL,
                          "txt" text NULL,
                          "bin" bytea NULL,
                          "blob" bytea NULL,
                          "day" date NULL,
                          "tm" time(3) NULL,
                          "ts" timestamp(6) NULL,
                          "at" timestamptz(3) NULL,
                          "we""ird`name" integer NULL,
                          PRIMARY KEY ("id", "code")
                        )""");
    }

    @Test
    void mariadb() {
        assertThat(
                        CreateTableStatement.of(
                                "`shop`.`wide`",
                                WIDE,
                                new MySqlTypeMapping(),
                                new MariaDbDialect()))
                .isEqualTo(
                        """
                        CREATE TABLE `shop`.`wide` (
                          `b` BOOLEAN NULL,
                          `t` TINYINT NULL,
                          `s` SMALLINT NULL,
                          `i` INT NULL,
                          `id` BIGINT NOT NULL,
                          `f` FLOAT NULL,
                          `d` DOUBLE NOT NULL,
                          `dec` DECIMAL(20, 4) NULL,
                          `c` CHAR(3) NULL,
                          `vc` VARCHAR(40) NULL,
                          `vc_long` TEXT NULL,
                          `code` VARCHAR(700) NOT NULL,
                          `txt` LONGTEXT NULL,
                          `bin` BINARY(16) NULL,
                          `blob` LONGBLOB NULL,
                          `day` DATE NULL,
                          `tm` TIME(3) NULL,
                          `ts` DATETIME(6) NULL,
                          `at` TIMESTAMP(3) NULL,
                          `we"ird``name` INT NULL,
                          PRIMARY KEY (`id`, `code`)
                        )""");
    }

    @Test
    void typesWithoutAColumnTypeFailNamingTheColumn() {
        ResolvedSchema map =
                ResolvedSchema.of(
                        Column.physical(
                                "attrs", DataTypes.MAP(DataTypes.STRING(), DataTypes.INT())));
        assertThatThrownBy(
                        () ->
                                CreateTableStatement.of(
                                        "t", map, new PostgresTypeMapping(), new PostgresDialect()))
                .hasMessageContaining("'attrs'")
                .hasMessageContaining("MAP<STRING, INT>");
        ResolvedSchema array =
                ResolvedSchema.of(Column.physical("tags", DataTypes.ARRAY(DataTypes.STRING())));
        assertThatThrownBy(
                        () ->
                                CreateTableStatement.of(
                                        "t", array, new MySqlTypeMapping(), new MariaDbDialect()))
                .hasMessageContaining("'tags'")
                .hasMessageContaining("MySQL/MariaDB");
    }
}
