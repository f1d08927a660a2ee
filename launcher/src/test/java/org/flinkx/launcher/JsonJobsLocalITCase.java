package org.flinkx.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/flinkx -mode local} as a user runs it: JSON jobs of the original format and a SQL job
 * on an embedded MiniCluster, with their output, exit codes and the files they write.
 */
class JsonJobsLocalITCase {

    @Test
    void aJsonJobRunsAndWritesEveryRow(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        Path job =
                write(
                        dir,
                        "stream_hdfs.json",
                        """
                {"job": {"content": [{
                  "reader": {"name": "streamreader", "parameter": {"sliceRecordCount": [600],
                    "column": [{"name": "id", "type": "id"}, {"name": "origin", "type": "string", "value": "${origin}"}]}},
                  "writer": {"name": "hdfswriter", "parameter": {"path": "file://%s", "fileType": "text",
                    "fieldDelimiter": ",", "writeMode": "overwrite",
                    "column": [{"name": "id", "type": "bigint"}, {"name": "origin", "type": "string"}]}}}],
                  "setting": {"speed": {"channel": 2}, "restore": {"isRestore": true}, "log": {"isLogger": false}}}}
                """
                                .formatted(out));

        LauncherResult result =
                run(
                        "-job",
                        job.toString(),
                        "-mode",
                        "local",
                        "-Dorigin=json",
                        "-confProp",
                        "{\"flink.checkpoint.interval\": 500}");

        assertThat(result.code).as(result.text()).isEqualTo(0);
        assertThat(result.err)
                .contains("WARN: job.setting.log.isLogger is ignored")
                .contains(
                        "NOTE: SET 'execution.checkpointing.interval' is ignored: the command line sets it to '500 ms'");
        assertThat(result.out)
                .containsPattern("Job [0-9a-f]{32} submitted: http://")
                .contains("FINISHED")
                .contains("1,200 rows")
                .contains("OK: 5 statements, 1 job, 0 checks passed");
        assertThat(lines(out))
                .hasSize(1200)
                .containsOnlyOnceElementsOf(
                        LongStream.rangeClosed(1, 1200).mapToObj(i -> i + ",json").toList());
    }

    @Test
    void explainPrintsTheSqlAndRunsNothing(@TempDir Path dir) throws Exception {
        Path job =
                write(
                        dir,
                        "job.json",
                        """
                {"job": {"content": [{
                  "reader": {"name": "streamreader", "parameter": {"column": [{"name": "n", "type": "int"}]}},
                  "writer": {"name": "streamwriter", "parameter": {"print": true}}}]}}
                """);

        LauncherResult result = run("-job", job.toString(), "--explain");

        assertThat(result.code).isEqualTo(0);
        assertThat(result.out)
                .contains("CREATE TABLE `reader`")
                .contains("'connector' = 'datagen'")
                .contains("INSERT INTO `writer` (`n`)")
                .doesNotContain("submitted");
    }

    @Test
    void failuresExitNonZeroWithTheReasonFirst(@TempDir Path dir) throws Exception {
        Path badKey =
                write(
                        dir,
                        "bad.json",
                        """
                {"job": {"content": [{"reader": {"name": "streamreader", "parameter": {"colum": []}},
                  "writer": {"name": "streamwriter"}}]}}
                """);
        LauncherResult wrongJob = run("-job", badKey.toString());
        assertThat(wrongJob.code).isEqualTo(2);
        assertThat(wrongJob.err.lines().findFirst().orElseThrow())
                .startsWith("ERROR: ")
                .contains("streamreader: unknown parameter 'colum'");

        Path failing =
                write(
                        dir,
                        "fail.sql",
                        """
                CREATE TABLE t (x INT) WITH ('connector' = 'flinkx-hdfs', 'path' = 'file:///nonexistent/flinkx', 'format' = 'csv');
                SELECT COUNT(*) FROM t;
                """);
        LauncherResult failed = run("-job", failing.toString(), "--no-progress");
        assertThat(failed.code).isEqualTo(1);
        assertThat(failed.err)
                .contains("ERROR: statement at line 2 failed: ")
                .contains("/nonexistent/flinkx");

        LauncherResult wrongMode = run("-job", failing.toString(), "-mode", "cluster");
        assertThat(wrongMode.code).isEqualTo(2);
        assertThat(wrongMode.err).contains("-mode 'cluster' is not one of local, standalone");
    }

    private static LauncherResult run(String... args) {
        return LauncherResult.run(Map.of(), args);
    }

    private static Path write(Path dir, String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    /** Every line of the published (not hidden) files under {@code dir}. */
    private static List<String> lines(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(
                            file ->
                                    !file.getFileName().toString().startsWith(".")
                                            && !file.getFileName().toString().startsWith("_"))
                    .flatMap(
                            file -> {
                                try {
                                    return Files.readAllLines(file).stream();
                                } catch (IOException e) {
                                    throw new java.io.UncheckedIOException(e);
                                }
                            })
                    .collect(Collectors.toList());
        }
    }
}
