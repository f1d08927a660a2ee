package org.flinkx.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SqlStatementSplitterTest {

    @Test
    void splitsOnSemicolonsAndTrims() throws Exception {
        assertThat(sqlOf("CREATE TABLE a (x INT);\n  INSERT INTO a VALUES (1) ;\nSELECT * FROM a"))
                .containsExactly(
                        "CREATE TABLE a (x INT)", "INSERT INTO a VALUES (1)", "SELECT * FROM a");
    }

    @Test
    void skipsEmptyStatements() throws Exception {
        assertThat(sqlOf(";;\n SELECT 1;;  \n")).containsExactly("SELECT 1");
        assertThat(sqlOf("  \n-- only a comment\n")).isEmpty();
    }

    @Test
    void keepsSemicolonsInsideQuotes() throws Exception {
        assertThat(sqlOf("SET 'a;b' = 'c;d';SELECT 'it''s; fine', `odd;name` FROM t;"))
                .containsExactly("SET 'a;b' = 'c;d'", "SELECT 'it''s; fine', `odd;name` FROM t");
    }

    @Test
    void keepsCommentMarkersInsideQuotes() throws Exception {
        assertThat(sqlOf("SELECT '--not a comment; /* nor this */' FROM t;"))
                .containsExactly("SELECT '--not a comment; /* nor this */' FROM t");
    }

    @Test
    void ignoresSemicolonsInComments() throws Exception {
        String script =
                """
                -- leading comment; with a semicolon
                CREATE TABLE a (x INT) /* block; comment */ WITH ('connector' = 'datagen');
                /* a block comment
                   over lines; */
                SELECT x -- trailing; comment
                FROM a;
                """;
        assertThat(sqlOf(script))
                .containsExactly(
                        "CREATE TABLE a (x INT) /* block; comment */ WITH ('connector' = 'datagen')",
                        "SELECT x -- trailing; comment\nFROM a");
    }

    @Test
    void keepsAStatementSetWhole() throws Exception {
        String script =
                """
                EXECUTE STATEMENT SET
                BEGIN
                  INSERT INTO a SELECT * FROM s;
                  INSERT INTO b SELECT * FROM s WHERE name = 'END';
                END;
                SELECT 1;
                """;
        assertThat(sqlOf(script))
                .containsExactly(
                        "EXECUTE STATEMENT SET\nBEGIN\n  INSERT INTO a SELECT * FROM s;\n"
                                + "  INSERT INTO b SELECT * FROM s WHERE name = 'END';\nEND",
                        "SELECT 1");
    }

    @Test
    void recognisesAStatementSetInAnyCase() throws Exception {
        assertThat(sqlOf("execute statement set begin insert into a values (1); end; select 2"))
                .containsExactly(
                        "execute statement set begin insert into a values (1); end", "select 2");
    }

    @Test
    void recordsTheLineWhereEachStatementStarts() throws Exception {
        List<SqlStatement> statements =
                SqlStatementSplitter.split(
                        "-- header\n\nCREATE TABLE a\n(x INT);\n/* two\nlines */ SELECT 1;\n\n  SELECT\n2;");
        assertThat(statements).extracting(SqlStatement::line).containsExactly(3, 6, 8);
    }

    @Test
    void attachesAnExpectCommentToTheNextStatement() throws Exception {
        List<SqlStatement> statements =
                SqlStatementSplitter.split(
                        """
                INSERT INTO a SELECT * FROM s;
                -- the count
                -- expect: 2000000
                SELECT COUNT(*) FROM a;
                --EXPECT:-3
                SELECT -3;
                SELECT 4;
                """);
        assertThat(statements)
                .extracting(SqlStatement::expected)
                .containsExactly(
                        OptionalLong.empty(),
                        OptionalLong.of(2_000_000),
                        OptionalLong.of(-3),
                        OptionalLong.empty());
    }

    @Test
    void ignoresAnExpectCommentInsideAStatement() throws Exception {
        List<SqlStatement> statements = SqlStatementSplitter.split("SELECT 1\n-- expect: 1\n;");
        assertThat(statements)
                .singleElement()
                .satisfies(
                        statement -> {
                            assertThat(statement.sql()).isEqualTo("SELECT 1\n-- expect: 1");
                            assertThat(statement.expected()).isEmpty();
                        });
    }

    @Test
    void rejectsAnExpectCommentWithoutAnInteger() {
        assertThatThrownBy(
                        () -> SqlStatementSplitter.split("SELECT 1;\n-- expect: many\nSELECT 2;"))
                .isInstanceOf(ScriptException.class)
                .hasMessage("line 2: '-- expect:' must be followed by an integer, not 'many'");
    }

    @Test
    void namesTheFirstKeyword() throws Exception {
        String script =
                "/* c */ insert into a values (1); Set 'a' = 'b'; WITH x AS (SELECT 1) SELECT 2";
        assertThat(SqlStatementSplitter.split(script))
                .extracting(SqlStatement::keyword)
                .containsExactly("INSERT", "SET", "WITH");
    }

    private static List<String> sqlOf(String script) throws ScriptException {
        return SqlStatementSplitter.split(script).stream().map(SqlStatement::sql).toList();
    }
}
