package org.flinkx.connector.hdfs.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.Test;

/** Wrong options fail at planning with a message that names the key and what is allowed. */
class HdfsTableFactoryTest {

    private static String planningError(String options, String columns) {
        TableEnvironment tEnv = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        tEnv.executeSql(
                "CREATE TABLE t ("
                        + columns
                        + ") WITH ('connector' = 'flinkx-hdfs', "
                        + "'path' = 'file:///tmp/flinkx-never-written'"
                        + options
                        + ")");
        Throwable error =
                org.assertj.core.api.Assertions.catchThrowable(
                        () -> tEnv.explainSql("INSERT INTO t SELECT * FROM t"));
        assertThat(error).as("planning fails").isNotNull();
        return ExceptionUtils.stringifyException(error);
    }

    @Test
    void theSharedBufferOptionsAreCheckedAsForEverySink() {
        assertThat(
                        planningError(
                                ", 'format' = 'text', 'sink.buffer-flush.max-rows' = '-1'",
                                "id INT"))
                .contains("sink.buffer-flush.max-rows");
    }

    @Test
    void onlyExactlyOnceIsADeliveryGuaranteeOfFiles() {
        assertThat(
                        planningError(
                                ", 'format' = 'text', 'sink.delivery-guarantee' = 'at-least-once'",
                                "id INT"))
                .contains(
                        "'sink.delivery-guarantee' = 'at-least-once' is not available for flinkx-hdfs")
                .contains("allowed: [exactly-once]");
    }

    @Test
    void theSharedRetryOptionsAreCheckedAsForEverySink() {
        assertThat(planningError(", 'format' = 'text', 'sink.max-retries' = '-2'", "id INT"))
                .contains("sink.max-retries");
    }

    @Test
    void theSharedSinkOptionsAreAccepted() {
        TableEnvironment tEnv = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        tEnv.executeSql(
                "CREATE TABLE t (id INT) WITH ('connector' = 'flinkx-hdfs', "
                        + "'path' = 'file:///tmp/flinkx-never-written', 'format' = 'text', "
                        + "'sink.delivery-guarantee' = 'exactly-once', 'sink.max-retries' = '5', "
                        + "'sink.retry.backoff' = '2 s')");
        assertThat(tEnv.explainSql("INSERT INTO t VALUES (1)"))
                .contains("Sink(table=[default_catalog.default_database.t]");
    }

    @Test
    void unknownFormat() {
        assertThat(planningError(", 'format' = 'avro'", "id INT"))
                .contains("'format'")
                .contains("text, csv, json, parquet, orc");
    }

    @Test
    void compressionTheFormatCannotWrite() {
        assertThat(planningError(", 'format' = 'orc', 'compression' = 'zstd'", "id INT"))
                .contains("'compression' = 'zstd'")
                .contains("[none, snappy, zlib]");
    }

    @Test
    void unknownCompression() {
        assertThat(planningError(", 'format' = 'parquet', 'compression' = 'lzma'", "id INT"))
                .contains("compression")
                .contains("lzma");
    }

    @Test
    void nestedTypeInText() {
        assertThat(planningError(", 'format' = 'text'", "id INT, tags ARRAY<STRING>"))
                .contains("Column 'tags'")
                .contains("'format' = 'text'");
    }

    @Test
    void unknownOption() {
        assertThat(planningError(", 'format' = 'text', 'sink.rolling-size' = '1mb'", "id INT"))
                .contains("sink.rolling-size")
                .contains("sink.rolling-policy.file-size");
    }

    @Test
    void badFilePrefix() {
        assertThat(planningError(", 'format' = 'text', 'sink.file-prefix' = 'a-b'", "id INT"))
                .contains("sink.file-prefix");
    }

    @Test
    void csvOptionsAreFlinksOwn() {
        assertThat(planningError(", 'format' = 'csv', 'csv.field-delimiter' = 'ab'", "id INT"))
                .contains("field-delimiter");
    }

    @Test
    void missingPath() {
        TableEnvironment tEnv = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        tEnv.executeSql(
                "CREATE TABLE t (id INT) WITH ('connector' = 'flinkx-hdfs', 'format' = 'text')");
        assertThatThrownBy(() -> tEnv.explainSql("SELECT * FROM t"))
                .satisfies(e -> assertThat(ExceptionUtils.stringifyException(e)).contains("path"));
    }
}
