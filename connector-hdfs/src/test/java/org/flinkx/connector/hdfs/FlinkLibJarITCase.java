package org.flinkx.connector.hdfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flinkx.connector.common.testutils.ChildJvm;
import org.flinkx.connector.hdfs.testutils.HdfsServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flink-lib jar works where users put it: a JVM whose class path is Flink's {@code lib/}, the
 * shaded Hadoop client ({@code hadoop-client-api}/{@code -runtime}, for users without a Hadoop
 * installation), zstd-jni and that jar, nothing else, writes and reads Parquet, ORC and JSON on a
 * real HDFS through SQL, and the bundled libraries are relocated (the jar holds no class under
 * their original packages).
 */
class FlinkLibJarITCase {

    @Test
    void runsFromTheShadedJarAlone(@TempDir Path dir) throws Exception {
        List<Path> jars = new ArrayList<>();
        jars.add(ChildJvm.flinkLibJar());
        jars.add(
                ChildJvm.jarOf(
                        com.github.luben.zstd.Zstd.class)); // native: beside the jar, not in it
        jars.addAll(ChildJvm.hadoopClient());
        String output =
                ChildJvm.run(
                        jars,
                        FlinkLibJarMain.class,
                        Map.of(),
                        dir,
                        HdfsServer.uri() + "/flink-lib-" + System.nanoTime());
        assertThat(output)
                .contains("parquet rows=3 sum=6.75")
                .contains("orc rows=3 sum=6.75")
                .contains("json rows=3 sum=6.75");
        assertThat(
                        ChildJvm.classesUnder(
                                ChildJvm.flinkLibJar(), "org/flinkx/connector/hdfs/shaded/common/"))
                .as("the shared core, relocated")
                .isNotEmpty();
        assertThat(
                        ChildJvm.classesUnder(
                                ChildJvm.flinkLibJar(),
                                "org/apache/parquet/",
                                "org/apache/orc/",
                                "com/google/protobuf/",
                                "org/flinkx/connector/common/"))
                .isEmpty();
    }
}
