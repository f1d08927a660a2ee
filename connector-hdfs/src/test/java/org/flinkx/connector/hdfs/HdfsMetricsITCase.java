package org.flinkx.connector.hdfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.flinkx.connector.hdfs.testutils.HdfsServer;
import org.flinkx.connector.jdbc.testutils.Metrics;
import org.flinkx.connector.jdbc.testutils.TestClusters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The HDFS source's and sink's FlinkX metrics reach Flink's metric system. */
class HdfsMetricsITCase {

    private static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            TestClusters.withSlots(2, REPORTER.addToConfiguration(new Configuration()));

    @Test
    void readWrittenAndDirtyRecordsAreCounted() throws Exception {
        String in = HdfsServer.uri() + "/metrics/in-" + System.nanoTime();
        String out = HdfsServer.uri() + "/metrics/out-" + System.nanoTime();
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= 100; i++) {
            lines.append(i == 13 ? "thirteen" : String.valueOf(i))
                    .append(",v")
                    .append(i)
                    .append('\n');
        }
        byte[] bytes = lines.toString().getBytes(StandardCharsets.UTF_8);
        try (FileSystem fs = HdfsServer.fileSystem();
                FSDataOutputStream o = fs.create(new Path(in, "data.csv"))) {
            o.write(bytes);
        }
        StreamTableEnvironment tEnv = StreamTableEnvironment.create(TestClusters.environment(1));
        tEnv.executeSql(
                "CREATE TABLE s (id INT, v STRING) WITH ('connector' = 'flinkx-hdfs', 'path' = '"
                        + in
                        + "', 'format' = 'csv', 'errors.max-count' = '5')");
        tEnv.executeSql(
                "CREATE TABLE d (id INT, v STRING) WITH ('connector' = 'flinkx-hdfs', 'path' = '"
                        + out
                        + "', 'format' = 'text')");
        TableResult result = tEnv.executeSql("INSERT INTO d SELECT * FROM s");
        result.await();
        JobID job = result.getJobClient().orElseThrow().getJobID();

        assertThat(sum(job, "flinkx.numRecordsRead")).isEqualTo(99);
        assertThat(sum(job, "flinkx.numDirtyRecords")).isEqualTo(1);
        assertThat(sum(job, "flinkx.dirty.parse")).isEqualTo(1);
        // every line but the bad one, with its line break
        assertThat(sum(job, "flinkx.numBytesRead"))
                .isEqualTo(bytes.length - "thirteen,v13\n".length());
        assertThat(sum(job, "flinkx.numRecordsWritten")).isEqualTo(99);
        assertThat(sum(job, "numRecordsSend")).isEqualTo(99);
        assertThat(sum(job, "flinkx.numBytesWritten")).isPositive();
        assertThat(HdfsRoundTripITCase.visibleFiles(out)).isNotEmpty();
    }

    @Test
    void bytesWrittenAreTheBytesOfTheFiles() throws Exception {
        String out = HdfsServer.uri() + "/metrics/parquet-" + System.nanoTime();
        StreamTableEnvironment tEnv = StreamTableEnvironment.create(TestClusters.environment(1));
        tEnv.executeSql(
                "CREATE TABLE d (id INT, v STRING) WITH ('connector' = 'flinkx-hdfs', 'path' = '"
                        + out
                        + "', 'format' = 'parquet')");
        TableResult result =
                tEnv.executeSql(
                        "INSERT INTO d SELECT id, CONCAT('v', CAST(id AS STRING)) FROM (VALUES (1), (2), (3)) AS t(id)");
        result.await();
        JobID job = result.getJobClient().orElseThrow().getJobID();

        long files = 0;
        try (FileSystem fs = HdfsServer.fileSystem()) {
            for (org.apache.hadoop.fs.FileStatus file : fs.listStatus(new Path(out))) {
                if (!file.getPath().getName().startsWith(".")
                        && !file.getPath().getName().startsWith("_")) {
                    files += file.getLen();
                }
            }
        }
        assertThat(files).isPositive();
        // Parquet writes its row group and footer when the file completes: those bytes count too
        assertThat(sum(job, "flinkx.numBytesWritten")).isEqualTo(files);
        assertThat(sum(job, "numBytesSend")).isEqualTo(files);
    }

    private static long sum(JobID job, String suffix) {
        return Metrics.sum(REPORTER, job, suffix);
    }
}
