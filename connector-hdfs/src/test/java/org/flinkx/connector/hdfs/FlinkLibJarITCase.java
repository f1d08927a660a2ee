package org.flinkx.connector.hdfs;

import org.flinkx.connector.common.testutils.ChildJvm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The flink-lib jar works on its own: a JVM with Flink and Hadoop on the class path plus that jar
 * (and none of the connector's own classes or its Parquet, ORC, protobuf, Hive-storage and
 * aircompressor dependencies) writes and reads Parquet, ORC and JSON through SQL, and the bundled
 * libraries are relocated (their original class names are not loadable).
 */
class FlinkLibJarITCase {

    /** Class path entries the flink-lib jar replaces. */
    private static final Pattern REPLACED = Pattern.compile(
            ".*(flinkx-connector-|connector-common/target|connector-hdfs/target/classes|/parquet-|/orc-|"
                    + "hive-storage-api|aircompressor|protobuf-java|flink-parquet|flink-orc).*");

    @Test
    void runsFromTheShadedJarAlone(@TempDir Path dir) throws Exception {
        String output = ChildJvm.run(ChildJvm.flinkLibJar(), REPLACED, FlinkLibJarMain.class, Map.of(),
                dir.resolve("child.log"), dir.toUri().toString());
        assertThat(output)
                .contains("parquet rows=3 sum=6.75")
                .contains("orc rows=3 sum=6.75")
                .contains("json rows=3 sum=6.75")
                .contains("parquet-unshaded=false")
                .contains("flinkx-common-unshaded=false");
    }
}
