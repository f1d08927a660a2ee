package org.flinkx.connector.es;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.flinkx.connector.common.testutils.ChildJvm;
import org.flinkx.connector.es.testutils.EsTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flink-lib jar works where users put it: a JVM whose class path is Flink's {@code lib/} plus
 * that jar, nothing else, writes, scans and looks up an index of a real node through SQL; the
 * bundled libraries (httpclient5, Jackson, FlinkX's common core) are relocated.
 */
class FlinkLibJarITCase {

    @Test
    void runsFromTheShadedJarAlone(@TempDir Path dir) throws Exception {
        EsTestServer server = EsTestServer.shared();
        String output =
                ChildJvm.run(
                        List.of(ChildJvm.flinkLibJar()),
                        FlinkLibJarMain.class,
                        Map.of(),
                        dir,
                        server.url(),
                        "flink-lib-jar");

        assertThat(output).contains("scan=[1=c, 2=b]");
        assertThat(output).contains("lookup=[1=c, 2=b, 3=null]");
        assertThat(ChildJvm.classesUnder(ChildJvm.flinkLibJar(), "org/flinkx/shaded/es/hc/"))
                .as("httpclient5, relocated")
                .isNotEmpty();
        assertThat(
                        ChildJvm.classesUnder(
                                ChildJvm.flinkLibJar(),
                                "org/apache/hc/",
                                "com/fasterxml/",
                                "org/apache/flink/",
                                "org/flinkx/connector/common/"))
                .isEmpty();
    }
}
