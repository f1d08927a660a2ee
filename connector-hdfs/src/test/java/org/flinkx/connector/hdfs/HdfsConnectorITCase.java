package org.flinkx.connector.hdfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.data.GenericMapData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.ExceptionUtils;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.flinkx.connector.common.options.DirtyDataConfig;
import org.flinkx.connector.common.options.DirtySinkKind;
import org.flinkx.connector.common.options.ErrorLimit;
import org.flinkx.connector.common.testutils.Failures;
import org.flinkx.connector.common.testutils.ToSubtask;
import org.flinkx.connector.hdfs.config.FileFormat;
import org.flinkx.connector.hdfs.config.WriteMode;
import org.flinkx.connector.hdfs.sink.HdfsSink;
import org.flinkx.connector.hdfs.testutils.HdfsServer;
import org.flinkx.connector.jdbc.testutils.TestClusters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQL connector on a real HDFS: partition directories, overwrite (also when the job fails
 * before its first commit), success files, rolling, and bad lines going to dirty storage.
 */
class HdfsConnectorITCase {

    @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.withSlots(4);

    @TempDir static java.nio.file.Path tempDir;

    private static String dir(String name) throws Exception {
        return HdfsServer.uri() + "/connector/" + name + "-" + System.nanoTime();
    }

    private static TableEnvironment batch() {
        TableEnvironment tEnv = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        tEnv.getConfig().set("parallelism.default", "2");
        return tEnv;
    }

    @Test
    void writesHivePartitionDirectoriesAndReadsTheirValuesBack() throws Exception {
        String path = dir("partitioned");
        TableEnvironment tEnv = batch();
        tEnv.executeSql(
                "CREATE TABLE p (id INT, name STRING, dt STRING, region INT) PARTITIONED BY (dt, region) "
                        + "WITH ('connector' = 'flinkx-hdfs', 'path' = '"
                        + path
                        + "', 'format' = 'parquet', "
                        + "'sink.success-file' = 'true')");
        tEnv.executeSql(
                        "INSERT INTO p VALUES "
                                + "(1, 'a', '2024-01-01', 1), (2, 'b', '2024-01-01', 2), (3, 'c', '2024-01-02', 1), "
                                + "(4, 'd', 'x/y=z', 1), (5, 'e', CAST(NULL AS STRING), 1), (6, 'f', '', 2)")
                .await();

        assertThat(HdfsRoundTripITCase.read(tEnv, "SELECT * FROM p"))
                .containsExactly(
                        Row.of(1, "a", "2024-01-01", 1), Row.of(2, "b", "2024-01-01", 2),
                        Row.of(3, "c", "2024-01-02", 1), Row.of(4, "d", "x/y=z", 1),
                        // NULL and '' both go to Hive's default partition and read back as NULL
                        Row.of(5, "e", null, 1), Row.of(6, "f", null, 2));
        assertThat(
                        HdfsRoundTripITCase.read(
                                tEnv, "SELECT id, region FROM p WHERE dt = '2024-01-01'"))
                .containsExactly(Row.of(1, 1), Row.of(2, 2));
        List<String> dirs = new ArrayList<>();
        try (FileSystem fs = HdfsServer.fileSystem()) {
            for (String partition :
                    List.of(
                            "dt=2024-01-01/region=1",
                            "dt=2024-01-01/region=2",
                            "dt=2024-01-02/region=1",
                            "dt=x%2Fy%3Dz/region=1",
                            "dt=__DEFAULT_PARTITION__/region=1",
                            "dt=__DEFAULT_PARTITION__/region=2")) {
                Path p = new Path(path + "/" + partition);
                assertThat(fs.exists(new Path(p, "_SUCCESS"))).as(partition + "/_SUCCESS").isTrue();
                dirs.add(partition);
            }
            assertThat(fs.exists(new Path(path + "/.data")))
                    .as("temporary directory removed")
                    .isFalse();
        }
        assertThat(dirs).hasSize(6);
    }

    @Test
    void overwriteReplacesTheOldFilesOnlyWhenTheNewOnesArePublished() throws Exception {
        String path = dir("overwrite");
        TableEnvironment tEnv = batch();
        tEnv.executeSql(
                "CREATE TABLE o (id BIGINT, name STRING) WITH ('connector' = 'flinkx-hdfs', "
                        + "'path' = '"
                        + path
                        + "', 'format' = 'json')");
        tEnv.executeSql("INSERT INTO o VALUES (1, 'old'), (2, 'old')").await();
        tEnv.executeSql("INSERT INTO o VALUES (3, 'old')").await();
        assertThat(HdfsRoundTripITCase.read(tEnv, "SELECT * FROM o")).hasSize(3);

        // A job that fails before its first checkpoint: the old files stay.
        RowType type =
                (RowType)
                        DataTypes.ROW(
                                        DataTypes.FIELD("id", DataTypes.BIGINT()),
                                        DataTypes.FIELD("name", DataTypes.STRING()))
                                .getLogicalType();
        StreamExecutionEnvironment env = TestClusters.environment(1);
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        env.enableCheckpointing(3_600_000);
        List<RowData> rows =
                IntStream.range(0, 100)
                        .mapToObj(
                                i ->
                                        (RowData)
                                                GenericRowData.of(
                                                        (long) i, StringData.fromString("new")))
                        .toList();
        env.fromData(rows)
                .returns(org.apache.flink.table.runtime.typeutils.InternalTypeInfo.of(type))
                .map(
                        row -> {
                            if (row.getLong(0) == 50) {
                                throw new IllegalStateException(
                                        "Injected failure before the first checkpoint");
                            }
                            return row;
                        })
                .returns(org.apache.flink.table.runtime.typeutils.InternalTypeInfo.of(type))
                .sinkTo(
                        HdfsSink.builder()
                                .path(path)
                                .rowType(type)
                                .format(FileFormat.JSON)
                                .lineSchema(
                                        new org.apache.flink.formats.json
                                                .JsonRowDataSerializationSchema(
                                                type,
                                                org.apache.flink.formats.common.TimestampFormat
                                                        .ISO_8601,
                                                org.apache.flink.formats.json.JsonFormatOptions
                                                        .MapNullKeyMode.FAIL,
                                                "null",
                                                true,
                                                false))
                                .writeMode(WriteMode.OVERWRITE)
                                .build());
        assertThatThrownBy(() -> env.execute("overwrite failing early"))
                .satisfies(
                        e ->
                                assertThat(ExceptionUtils.stringifyException(e))
                                        .contains("Injected failure"));
        assertThat(HdfsRoundTripITCase.read(tEnv, "SELECT * FROM o"))
                .containsExactly(Row.of(1L, "old"), Row.of(2L, "old"), Row.of(3L, "old"));

        tEnv.executeSql("INSERT OVERWRITE o VALUES (10, 'new'), (11, 'new')").await();
        assertThat(HdfsRoundTripITCase.read(tEnv, "SELECT * FROM o"))
                .containsExactly(Row.of(10L, "new"), Row.of(11L, "new"));
        assertThat(HdfsRoundTripITCase.filesUnder(path + "/.data")).isEmpty();
    }

    @Test
    void rollsFilesBySize() throws Exception {
        String path = dir("rolling");
        TableEnvironment tEnv = batch();
        tEnv.executeSql(
                "CREATE TABLE r (id INT, payload STRING) WITH ('connector' = 'flinkx-hdfs', "
                        + "'path' = '"
                        + path
                        + "', 'format' = 'text', 'sink.rolling-policy.file-size' = '4kb')");
        tEnv.executeSql(
                "CREATE TABLE gen (id INT) WITH ('connector' = 'datagen', "
                        + "'number-of-rows' = '2000', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '2000')");
        tEnv.executeSql("INSERT INTO r SELECT id, REPEAT('x', 100) FROM gen").await();

        List<String> files = HdfsRoundTripITCase.visibleFiles(path);
        // 2000 lines of about 105 bytes in files of at most 4 KB (+ one line): at least 50 files
        assertThat(files.size()).isGreaterThanOrEqualTo(50);
        List<Row> rows = HdfsRoundTripITCase.read(tEnv, "SELECT id, CHAR_LENGTH(payload) FROM r");
        assertThat(rows)
                .containsExactlyElementsOf(
                        IntStream.rangeClosed(1, 2000).mapToObj(i -> Row.of(i, 100)).toList());
    }

    @Test
    void badLinesGoToDirtyStorageWithTheirError() throws Exception {
        String path = dir("dirty");
        try (FileSystem fs = HdfsServer.fileSystem();
                FSDataOutputStream out = fs.create(new Path(path, "data.csv"))) {
            out.write(
                    ("1,ok,1.50\n"
                                    + "2,not a number,abc\n"
                                    + "3,ok,3.00\n"
                                    + "oops\n"
                                    + "4,ok,4.25\n")
                            .getBytes(StandardCharsets.UTF_8));
        }
        java.nio.file.Path dirty =
                Files.createDirectories(tempDir.resolve("dirty-" + System.nanoTime()));
        TableEnvironment tEnv = batch();
        String options =
                "'connector' = 'flinkx-hdfs', 'path' = '"
                        + path
                        + "', 'format' = 'csv', "
                        + "'dirty.sink' = 'file', 'dirty.path' = '"
                        + dirty
                        + "'";
        tEnv.executeSql(
                "CREATE TABLE d (id INT, name STRING, amount DECIMAL(5, 2)) WITH ("
                        + options
                        + ", 'errors.max-count' = '2')");

        assertThat(HdfsRoundTripITCase.read(tEnv, "SELECT * FROM d"))
                .containsExactly(
                        Row.of(1, "ok", new java.math.BigDecimal("1.50")),
                        Row.of(3, "ok", new java.math.BigDecimal("3.00")),
                        Row.of(4, "ok", new java.math.BigDecimal("4.25")));
        List<String> lines = dirtyLines(dirty);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0))
                .contains("2,not a number,abc")
                .contains("data.csv at byte 10")
                .contains("parse");
        assertThat(lines.get(1)).contains("oops").contains("data.csv at byte 39");

        // One bad line more than allowed: the job fails and says why.
        tEnv.executeSql(
                "CREATE TABLE strict (id INT, name STRING, amount DECIMAL(5, 2)) WITH ("
                        + options
                        + ", 'errors.max-count' = '1')");
        assertThatThrownBy(() -> HdfsRoundTripITCase.read(tEnv, "SELECT * FROM strict"))
                .satisfies(
                        e ->
                                assertThat(ExceptionUtils.stringifyException(e))
                                        .contains("errors.max-count"));
    }

    /**
     * The sink's error limit counts the bad rows of all its subtasks: 3 rows the JSON format cannot
     * encode (a map with a null key), 2 sent to one sink subtask and 1 to the other, pass a limit
     * of 2 although no subtask has more than 2; a limit of 3 lets the same job publish the other 17
     * rows.
     */
    @Test
    void theSinkErrorLimitCountsTheBadRowsOfTheWholeJob() throws Exception {
        RowType type =
                (RowType)
                        DataTypes.ROW(
                                        DataTypes.FIELD("id", DataTypes.INT()),
                                        DataTypes.FIELD(
                                                "tags",
                                                DataTypes.MAP(DataTypes.STRING(), DataTypes.INT())))
                                .getLogicalType();
        List<RowData> rows = new ArrayList<>();
        for (int id = 1; id <= 20; id++) {
            // Even ids go to sink subtask 0 (bad: 2 and 4), odd ids to subtask 1 (bad: 5).
            boolean bad = id == 2 || id == 4 || id == 5;
            java.util.Map<Object, Object> tags = new java.util.HashMap<>();
            tags.put(bad ? null : StringData.fromString("k"), id);
            rows.add(GenericRowData.of(id, new GenericMapData(tags)));
        }
        for (int limit = 2; limit <= 3; limit++) {
            String path = dir("job-limit-" + limit);
            java.nio.file.Path dirty =
                    Files.createDirectories(tempDir.resolve("job-limit-" + System.nanoTime()));
            HdfsSink sink =
                    HdfsSink.builder()
                            .path(path)
                            .rowType(type)
                            .format(FileFormat.JSON)
                            .lineSchema(
                                    new org.apache.flink.formats.json
                                            .JsonRowDataSerializationSchema(
                                            type,
                                            org.apache.flink.formats.common.TimestampFormat
                                                    .ISO_8601,
                                            org.apache.flink.formats.json.JsonFormatOptions
                                                    .MapNullKeyMode.FAIL,
                                            "null",
                                            true,
                                            false))
                            .errorLimit(new ErrorLimit(limit, -1))
                            .dirtyData(new DirtyDataConfig(DirtySinkKind.FILE, dirty.toString()))
                            .build();
            StreamExecutionEnvironment env = TestClusters.environment(2);
            DataStream<RowData> input =
                    env.fromData(rows, InternalTypeInfo.of(type)).setParallelism(1);
            ToSubtask.route(input, row -> row.getInt(0) % 2).sinkTo(sink);
            if (limit == 2) {
                assertThatThrownBy(() -> env.execute("hdfs sink error limit 2"))
                        .satisfies(
                                e ->
                                        assertThat(Failures.rootMessage(e))
                                                .isEqualTo(
                                                        "flinkx-hdfs: 3 bad records passed the"
                                                                + " limit 'errors.max-count' = 2,"
                                                                + " counted over all 2 sink"
                                                                + " subtasks. The bad records are"
                                                                + " in dirty storage."))
                        .satisfies(Failures::assertNotRestarted);
            } else {
                env.execute("hdfs sink error limit 3");
                TableEnvironment tEnv = batch();
                tEnv.executeSql(
                        "CREATE TABLE published (id INT, tags MAP<STRING, INT>) WITH ("
                                + "'connector' = 'flinkx-hdfs', 'path' = '"
                                + path
                                + "', 'format' = 'json')");
                assertThat(HdfsRoundTripITCase.read(tEnv, "SELECT id FROM published"))
                        .hasSize(17)
                        .doesNotContain(Row.of(2), Row.of(4), Row.of(5));
            }
            assertThat(dirtyLines(dirty)).hasSize(3).allMatch(line -> line.contains("encode"));
        }
    }

    @Test
    void splitsParquetByRowGroupAndOrcByStripe() throws Exception {
        TableEnvironment tEnv = batch();
        tEnv.executeSql(
                "CREATE TABLE gen (id INT, payload STRING) WITH ('connector' = 'datagen', "
                        + "'number-of-rows' = '20000', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1', "
                        + "'fields.id.end' = '20000', 'fields.payload.length' = '40')");
        for (String format : List.of("parquet", "orc")) {
            String path = dir("split-" + format);
            String writerOptions =
                    format.equals("parquet")
                            ? "'parquet.block.size' = '65536', 'parquet.page.size' = '8192'"
                            : "'orc.stripe.size' = '65536', 'orc.row.index.stride' = '1000'";
            tEnv.executeSql(
                    "CREATE TABLE s_"
                            + format
                            + " (id INT, payload STRING) WITH ("
                            + "'connector' = 'flinkx-hdfs', 'path' = '"
                            + path
                            + "', 'format' = '"
                            + format
                            + "', "
                            + "'sink.parallelism' = '1', 'source.split-size' = '100kb', "
                            + writerOptions
                            + ")");
            tEnv.executeSql("INSERT INTO s_" + format + " SELECT * FROM gen").await();
            long size = 0;
            try (FileSystem fs = HdfsServer.fileSystem()) {
                for (String name : HdfsRoundTripITCase.visibleFiles(path)) {
                    size += fs.getFileStatus(new Path(path, name)).getLen();
                }
            }
            assertThat(size)
                    .as("%s files span several splits of 100 KB", format)
                    .isGreaterThan(300 * 1024);
            List<Row> rows =
                    HdfsRoundTripITCase.read(
                            tEnv, "SELECT id, CHAR_LENGTH(payload) FROM s_" + format);
            assertThat(rows)
                    .as(format)
                    .containsExactlyElementsOf(
                            IntStream.rangeClosed(1, 20000).mapToObj(i -> Row.of(i, 40)).toList());
        }
    }

    /**
     * A bounded read of a path that does not exist fails at once with checkpointing on, where
     * Flink's default strategy would restart it without end.
     */
    @Test
    void aMissingInputPathFailsWithoutRestarts() throws Exception {
        TableEnvironment tEnv =
                org.apache.flink.table.api.bridge.java.StreamTableEnvironment.create(
                        TestClusters.defaultRestarts(2));
        String path = HdfsServer.uri() + "/no-such-dir-" + System.nanoTime();
        tEnv.executeSql(
                "CREATE TABLE missing (id INT) WITH ('connector' = 'flinkx-hdfs', 'path' = '"
                        + path
                        + "', 'format' = 'text')");
        assertThatThrownBy(() -> HdfsRoundTripITCase.read(tEnv, "SELECT * FROM missing"))
                .satisfies(Failures::assertNotRestarted)
                .satisfies(
                        e ->
                                assertThat(Failures.rootMessage(e))
                                        .isEqualTo("The path '" + path + "' does not exist."));
    }

    @Test
    void anUnreachableNameNodeFailsWithItsAddress() {
        TableEnvironment tEnv = batch();
        String noRetries =
                "'properties.ipc.client.connect.max.retries' = '0', "
                        + "'properties.ipc.client.connect.max.retries.on.timeouts' = '0'";
        tEnv.executeSql(
                "CREATE TABLE down (id INT) WITH ('connector' = 'flinkx-hdfs', "
                        + "'path' = 'hdfs://127.0.0.1:1/nothing', 'format' = 'text', "
                        + noRetries
                        + ")");
        // In the root of the chain, which is what the SQL client shows.
        assertThatThrownBy(() -> HdfsRoundTripITCase.read(tEnv, "SELECT * FROM down"))
                .satisfies(
                        e ->
                                assertThat(Failures.rootMessage(e))
                                        .contains("Cannot list 'hdfs://127.0.0.1:1/nothing'")
                                        .contains("cannot connect to 127.0.0.1:1"));
        assertThatThrownBy(() -> tEnv.executeSql("INSERT INTO down VALUES (1)").await())
                .satisfies(
                        e ->
                                assertThat(Failures.rootMessage(e))
                                        .contains("hdfs://127.0.0.1:1/nothing")
                                        .contains("cannot connect to 127.0.0.1:1"));
    }

    private static List<String> dirtyLines(java.nio.file.Path directory) throws Exception {
        try (Stream<java.nio.file.Path> files = Files.list(directory)) {
            List<String> lines = new ArrayList<>();
            for (java.nio.file.Path f : files.collect(Collectors.toList())) {
                lines.addAll(Files.readAllLines(f));
            }
            lines.sort(String::compareTo);
            return lines;
        }
    }
}
