package org.flinkx.connector.jdbc.source.enumerator;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.logical.RowType;
import org.flinkx.connector.jdbc.testutils.DatabaseServer;
import org.flinkx.connector.jdbc.testutils.MariaDbServer;
import org.flinkx.connector.jdbc.testutils.PostgresServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which key a table without 'scan.partition.column' is split and resumed by, on real servers. */
class ResumeColumnsITCase {

    private static final RowType DECLARED =
            (RowType)
                    DataTypes.ROW(
                                    DataTypes.FIELD("id", DataTypes.BIGINT()),
                                    DataTypes.FIELD("code", DataTypes.STRING()),
                                    DataTypes.FIELD("a", DataTypes.INT()),
                                    DataTypes.FIELD("b", DataTypes.INT()),
                                    DataTypes.FIELD("doc", DataTypes.BYTES()))
                            .getLogicalType();

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mariadb"})
    void findsTheKeyOrAUniqueNotNullColumnAmongTheDeclaredOnes(String kind) throws Exception {
        boolean pg = "postgresql".equals(kind);
        DatabaseServer server = pg ? PostgresServer.get() : MariaDbServer.get();
        server.createDatabase("flinkx");
        String p = "rc_" + System.nanoTime() % 100000 + "_";
        try (Connection c = server.connect("flinkx");
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + p + "pk (id BIGINT PRIMARY KEY, code VARCHAR(8))");
            s.execute("CREATE TABLE " + p + "text_pk (code VARCHAR(8) PRIMARY KEY, a INT)");
            s.execute(
                    "CREATE TABLE "
                            + p
                            + "composite (a INT NOT NULL, b INT NOT NULL, code VARCHAR(8) NOT NULL, "
                            + "PRIMARY KEY (a, b), UNIQUE (code))");
            s.execute(
                    "CREATE TABLE "
                            + p
                            + "nullable_unique (a INT, code VARCHAR(8), UNIQUE (code))");
            s.execute("CREATE TABLE " + p + "none (a INT, b INT)");
            s.execute(
                    "CREATE TABLE "
                            + p
                            + "composite_only (a INT NOT NULL, b INT NOT NULL, code VARCHAR(8), "
                            + "PRIMARY KEY (b, a))");
            s.execute(
                    "CREATE TABLE "
                            + p
                            + "composite_text_first (code VARCHAR(8) NOT NULL, a INT NOT NULL, "
                            + "PRIMARY KEY (code, a))");
            s.execute(
                    "CREATE TABLE "
                            + p
                            + "composite_undeclared (a INT NOT NULL, other INT NOT NULL, "
                            + "PRIMARY KEY (a, other))");
            s.execute(
                    "CREATE TABLE "
                            + p
                            + "composite_blob (a INT NOT NULL, "
                            + (pg ? "doc BYTEA" : "doc VARBINARY(16)")
                            + " NOT NULL, PRIMARY KEY (a, doc))");
            s.execute("CREATE TABLE " + p + "undeclared (other BIGINT PRIMARY KEY, a INT)");
            s.execute(
                    "CREATE TABLE "
                            + p
                            + "blob_pk ("
                            + (pg ? "doc BYTEA" : "doc VARBINARY(16)")
                            + " PRIMARY KEY, a INT)");
            if (pg) {
                s.execute("CREATE SCHEMA IF NOT EXISTS rc_schema");
                s.execute("CREATE TABLE rc_schema." + p + "pk (a INT PRIMARY KEY)");
            }
            assertThat(find(c, p + "pk")).contains("id");
            assertThat(find(c, p + "text_pk")).contains("code");
            assertThat(find(c, p + "composite"))
                    .as("composite key: the unique NOT NULL column")
                    .contains("code");
            assertThat(key(c, p + "composite_only"))
                    .as("composite key without a unique column: the whole key, in key order")
                    .containsExactly("b", "a");
            assertThat(key(c, p + "composite_text_first"))
                    .as("a composite key must be led by an integer column")
                    .isEmpty();
            assertThat(key(c, p + "composite_undeclared"))
                    .as("every key column must be declared")
                    .isEmpty();
            assertThat(key(c, p + "composite_blob"))
                    .as("every key column must be able to hold an offset")
                    .isEmpty();
            assertThat(key(c, p + "composite")).containsExactly("code");
            assertThat(find(c, p + "nullable_unique")).isEmpty();
            assertThat(find(c, p + "none")).isEmpty();
            assertThat(find(c, p + "undeclared"))
                    .as("the key is not among the declared columns")
                    .isEmpty();
            assertThat(find(c, p + "blob_pk"))
                    .as("a key of a type that cannot hold an offset")
                    .isEmpty();
            if (pg) {
                assertThat(find(c, "rc_schema." + p + "pk")).as("schema.table").contains("a");
                assertThat(find(c, (p + "pk").toUpperCase()))
                        .as("an unquoted name in upper case")
                        .contains("id");
            } else {
                assertThat(find(c, "flinkx." + p + "pk")).as("database.table").contains("id");
            }
        }
    }

    /** The resume key as one string ("a, b" for a key of several columns), or empty. */
    private static Optional<String> find(Connection c, String table) throws Exception {
        List<String> key = key(c, table);
        return key.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", key));
    }

    private static List<String> key(Connection c, String table) throws Exception {
        return ResumeColumns.find(c, table, DECLARED);
    }
}
