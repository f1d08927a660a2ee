package org.flinkx.connector.hdfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.flinkx.connector.hdfs.testutils.HdfsServer;
import org.flinkx.connector.jdbc.testutils.TestClusters;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Writes rows with every kind of value through {@code flinkx-hdfs} and reads them back: for each
 * format, on a real HDFS ({@code MiniDFSCluster}) and on {@code file://}. The rows read must equal
 * the rows written, field by field, including NULLs, decimals, timestamps, binary and non-ASCII
 * text.
 */
class HdfsRoundTripITCase {

    @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.withSlots(4);

    @TempDir static java.nio.file.Path localDir;

    private static final String COLUMNS =
            "id INT, name STRING, price DECIMAL(20, 4), ratio DOUBLE, flag BOOLEAN, big BIGINT, "
                    + "d DATE, ts TIMESTAMP(6), bin BYTES";

    static Stream<Arguments> formats() {
        List<Arguments> cases = new ArrayList<>();
        for (String fs : List.of("hdfs", "file")) {
            cases.add(Arguments.of(fs, "text", ""));
            cases.add(Arguments.of(fs, "text", "'compression' = 'gzip',"));
            cases.add(Arguments.of(fs, "csv", "'csv.null-literal' = '<null>',"));
            cases.add(Arguments.of(fs, "json", "'compression' = 'zstd',"));
            cases.add(Arguments.of(fs, "parquet", "'compression' = 'snappy',"));
            cases.add(Arguments.of(fs, "orc", "'compression' = 'zlib',"));
        }
        cases.add(Arguments.of("hdfs", "json", "'compression' = 'bzip2',"));
        cases.add(Arguments.of("hdfs", "text", "'compression' = 'snappy',"));
        cases.add(Arguments.of("hdfs", "parquet", "'compression' = 'zstd',"));
        cases.add(Arguments.of("hdfs", "orc", "'compression' = 'snappy',"));
        return cases.stream();
    }

    @ParameterizedTest(name = "{1} on {0} {2}")
    @MethodSource("formats")
    void writesAndReadsBackEveryValue(String fs, String format, String extraOptions)
            throws Exception {
        String path = directory(fs, format + "-" + Math.abs(extraOptions.hashCode()));
        List<Row> rows = rows(format);
        TableEnvironment tEnv = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        tEnv.getConfig().set("parallelism.default", "2");
        Table input =
                tEnv.fromValues(
                        DataTypes.ROW(
                                DataTypes.FIELD("id", DataTypes.INT()),
                                DataTypes.FIELD("name", DataTypes.STRING()),
                                DataTypes.FIELD("price", DataTypes.DECIMAL(20, 4)),
                                DataTypes.FIELD("ratio", DataTypes.DOUBLE()),
                                DataTypes.FIELD("flag", DataTypes.BOOLEAN()),
                                DataTypes.FIELD("big", DataTypes.BIGINT()),
                                DataTypes.FIELD("d", DataTypes.DATE()),
                                DataTypes.FIELD("ts", DataTypes.TIMESTAMP(6)),
                                DataTypes.FIELD("bin", DataTypes.BYTES())),
                        rows);
        tEnv.createTemporaryView("input", input);
        tEnv.executeSql(
                "CREATE TABLE files ("
                        + COLUMNS
                        + ") WITH ("
                        + "'connector' = 'flinkx-hdfs', "
                        + extraOptions
                        + "'path' = '"
                        + path
                        + "', 'format' = '"
                        + format
                        + "')");

        tEnv.executeSql("INSERT INTO files SELECT * FROM input").await();

        assertThat(read(tEnv, "SELECT * FROM files")).containsExactlyElementsOf(rows);
        assertThat(read(tEnv, "SELECT name, id FROM files"))
                .containsExactlyElementsOf(
                        rows.stream().map(r -> Row.of(r.getField(1), r.getField(0))).toList());
        assertThat(visibleFiles(path)).isNotEmpty().allMatch(name -> name.startsWith("part-"));
        assertThat(filesUnder(path + "/.data")).isEmpty();
    }

    /** Every kind of value; csv leaves out what one line per record cannot hold (see docs). */
    static List<Row> rows(String format) {
        List<Row> rows = new ArrayList<>();
        rows.add(
                Row.of(
                        1,
                        "plain",
                        new BigDecimal("12.3400"),
                        1.5,
                        true,
                        9007199254740993L,
                        LocalDate.of(2024, 2, 29),
                        LocalDateTime.of(2024, 2, 29, 23, 59, 59, 123456000),
                        new byte[] {1, 2, 3}));
        rows.add(
                Row.of(
                        2,
                        "非ASCII 文字 ✓ émoji 😀",
                        new BigDecimal("-9999999999999999.9999"),
                        -1e300,
                        false,
                        Long.MIN_VALUE,
                        LocalDate.of(1970, 1, 1),
                        LocalDateTime.of(1970, 1, 1, 0, 0),
                        new byte[0]));
        rows.add(Row.of(3, null, null, null, null, null, null, null, null));
        rows.add(
                Row.of(
                        4,
                        "",
                        new BigDecimal("0.0001"),
                        0.0,
                        false,
                        0L,
                        LocalDate.of(9999, 12, 31),
                        LocalDateTime.of(2000, 1, 1, 0, 0, 0, 1000),
                        new byte[] {-1}));
        if (!format.equals("csv")) {
            rows.add(
                    Row.of(
                            5,
                            "tab\tnew\nline\rcr back\\slash \u0001ctl, comma \"quote\" \\N",
                            BigDecimal.ONE.setScale(4),
                            Double.MAX_VALUE,
                            true,
                            Long.MAX_VALUE,
                            LocalDate.of(1, 1, 1),
                            LocalDateTime.of(1900, 1, 1, 12, 0),
                            new byte[] {0, 10, 13}));
            rows.add(Row.of(6, "\\N", null, Double.MIN_VALUE, null, -1L, null, null, null));
        }
        return rows;
    }

    private static String directory(String fs, String name) throws IOException {
        if (fs.equals("hdfs")) {
            return HdfsServer.uri() + "/roundtrip/" + name;
        }
        return localDir.resolve(name).toUri().toString();
    }

    static List<Row> read(TableEnvironment tEnv, String query) throws Exception {
        List<Row> result = new ArrayList<>();
        try (CloseableIterator<Row> it = tEnv.executeSql(query).collect()) {
            it.forEachRemaining(result::add);
        }
        // sorted by the first numeric column (the id)
        result.sort(Comparator.comparingLong(HdfsRoundTripITCase::id));
        return result;
    }

    private static long id(Row row) {
        for (int i = 0; i < row.getArity(); i++) {
            if (row.getField(i) instanceof Number n) {
                return n.longValue();
            }
        }
        throw new IllegalArgumentException("No numeric column in " + row);
    }

    static List<String> visibleFiles(String dir) throws IOException {
        List<String> names = new ArrayList<>();
        Path path = new Path(dir);
        try (FileSystem fs = FileSystem.newInstance(path.toUri(), new Configuration())) {
            for (FileStatus status : fs.listStatus(path)) {
                if (status.isFile() && !status.getPath().getName().startsWith(".")) {
                    names.add(status.getPath().getName());
                }
            }
        }
        return names;
    }

    static List<String> filesUnder(String dir) throws IOException {
        List<String> names = new ArrayList<>();
        Path path = new Path(dir);
        try (FileSystem fs = FileSystem.newInstance(path.toUri(), new Configuration())) {
            if (!fs.exists(path)) {
                return names;
            }
            RemoteIterator<LocatedFileStatus> files = fs.listFiles(path, true);
            while (files.hasNext()) {
                names.add(files.next().getPath().toString());
            }
        }
        return names;
    }
}
