package org.flinkx.connector.starrocks;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flinkx.connector.common.testutils.ChildJvm;
import org.flinkx.connector.starrocks.testserver.Counted;
import org.flinkx.connector.starrocks.testserver.StarRocksTestServer;
import org.flinkx.connector.starrocks.testserver.TableModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flink-lib jar in a JVM whose class path is Flink's {@code lib/} plus that jar, nothing else,
 * with a 128 MB heap: it loads ten times the heap's worth of rows through Flink SQL (the buffer
 * bounds memory, the body is streamed as it is encoded), every row once. Its bundled libraries are
 * relocated. It does not carry the JDBC connector: a read, which goes through it, fails at planning
 * naming the jar to add.
 */
class FlinkLibJarITCase {

    private static final long ROWS = 1_400_000; // about 1,050 bytes each in the load's body

    @Test
    void loadsTenTimesItsHeapFromTheShadedJarAlone(@TempDir Path dir) throws Exception {
        try (StarRocksTestServer server = StarRocksTestServer.start("root", "pw", 1)) {
            server.createTable(
                    "big",
                    "rows",
                    List.of("id BIGINT", "payload VARCHAR(2000)"),
                    List.of("id"),
                    TableModel.COUNTING);
            String output =
                    ChildJvm.run(
                            List.of("-Xmx128m"),
                            List.of(ChildJvm.flinkLibJar()),
                            FlinkLibJarMain.class,
                            Map.of("FLINKX_TEST_PASSWORD", "pw"),
                            dir,
                            server.feAddress(),
                            "big",
                            "rows",
                            String.valueOf(ROWS));

            assertThat(output)
                    .as("a read without the JDBC connector's jar")
                    .contains(
                            "readRefused=Reading from StarRocks",
                            "put flinkx-connector-jdbc-*-flink-lib.jar into flink/lib")
                    .doesNotContain("readPlanned");
            Matcher heap = Pattern.compile("maxHeap=(\\d+)").matcher(output);
            assertThat(heap.find()).as(output).isTrue();
            long maxHeap = Long.parseLong(heap.group(1));
            assertThat(ROWS * 1000).as("bytes loaded").isGreaterThan(10 * maxHeap);
            Counted counted = server.counted("big", "rows");
            assertThat(counted.rows()).isEqualTo(ROWS);
            assertThat(counted.firstColumnSum())
                    .as("every id once")
                    .isEqualTo(
                            BigInteger.valueOf(ROWS)
                                    .multiply(BigInteger.valueOf(ROWS + 1))
                                    .divide(BigInteger.TWO));
        }
        assertThat(
                        ChildJvm.classesUnder(
                                ChildJvm.flinkLibJar(),
                                "org/flinkx/connector/starrocks/shaded/common/"))
                .as("the shared core, relocated")
                .isNotEmpty();
        assertThat(
                        ChildJvm.classesUnder(
                                ChildJvm.flinkLibJar(),
                                "org/apache/hc/",
                                "com/fasterxml/",
                                "org/flinkx/connector/jdbc/",
                                "org/mariadb/",
                                "org/flinkx/connector/common/"))
                .isEmpty();
    }
}
