package org.flinkx.launcher;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqlRunnerSubstitutionTest {

    @Test
    void replacesSystemPropertiesAndNamesTheLineOfAnUnsetOne() throws Exception {
        System.setProperty("flinkx.test.dir", "file:///tmp/a$b");
        assertThat(SqlRunner.substitute("CREATE TABLE t WITH ('path' = '${flinkx.test.dir}/t');"))
                .isEqualTo("CREATE TABLE t WITH ('path' = 'file:///tmp/a$b/t');");
        assertThatThrownBy(() -> SqlRunner.substitute("SELECT 1;\nSELECT '${flinkx.test.unset}';"))
                .isInstanceOf(ScriptException.class)
                .hasMessageContaining("line 2")
                .hasMessageContaining("-Dflinkx.test.unset=");
    }
}
