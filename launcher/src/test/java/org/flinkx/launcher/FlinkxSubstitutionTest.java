package org.flinkx.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FlinkxSubstitutionTest {

    @Test
    void echoedStatementsHidePasswords() {
        assertThat(
                        Flinkx.echo(
                                "CREATE TABLE t (x INT) WITH ('connector' = 'flinkx-mysql', 'password' = 'it''s secret')"))
                .isEqualTo(
                        "CREATE TABLE t (x INT) WITH ('connector' = 'flinkx-mysql', 'password' = '******')");
    }

    @Test
    void replacesVariablesAndNamesTheLineOfAnUnsetOne() throws Exception {
        Map<String, String> variables = Map.of("flinkx.test.dir", "file:///tmp/a$b");
        assertThat(
                        Flinkx.substitute(
                                "CREATE TABLE t WITH ('path' = '${flinkx.test.dir}/t');",
                                variables::get))
                .isEqualTo("CREATE TABLE t WITH ('path' = 'file:///tmp/a$b/t');");
        assertThatThrownBy(
                        () ->
                                Flinkx.substitute(
                                        "SELECT 1;\nSELECT '${flinkx.test.unset}';",
                                        variables::get))
                .isInstanceOf(ScriptException.class)
                .hasMessageContaining("line 2")
                .hasMessageContaining("-Dflinkx.test.unset=");
    }
}
