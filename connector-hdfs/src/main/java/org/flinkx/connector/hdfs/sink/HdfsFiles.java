package org.flinkx.connector.hdfs.sink;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.hadoop.fs.Path;

/**
 * Names and places of the sink's files. A file is written as {@code
 * <path>/.data/<partition>/<name>} and published as {@code <path>/<partition>/<name>}, where the
 * name is {@code <prefix>-<run>-<subtask>-<checkpoint>-<attempt>-<count><extension>}: the run (the
 * job id of the first start, kept across restarts), the writing subtask, the checkpoint the file
 * will be committed with (at the earliest), a random token of the writer instance and a counter.
 * Readers skip names that start with '.' or '_', so the temporary directory is invisible to them,
 * as to Hive and Spark.
 */
@Internal
public final class HdfsFiles {

    public static final String TEMP_DIR = ".data";
    public static final String SUCCESS_FILE = "_SUCCESS";

    /** A parsed file name. */
    public record Name(String runId, int subtask, long checkpoint, String attempt) {}

    private HdfsFiles() {}

    public static Path tempDir(Path root) {
        return new Path(root, TEMP_DIR);
    }

    public static String runPrefix(String prefix, String runId) {
        return prefix + "-" + runId + "-";
    }

    public static String fileName(
            String prefix,
            String runId,
            int subtask,
            long checkpoint,
            String attempt,
            long count,
            String extension) {
        return runPrefix(prefix, runId)
                + subtask
                + "-"
                + checkpoint
                + "-"
                + attempt
                + "-"
                + count
                + extension;
    }

    /** Parses a name written with {@code prefix}; null if it is not one. */
    public static Name parse(String prefix, String fileName) {
        Matcher m =
                Pattern.compile(
                                "^"
                                        + Pattern.quote(prefix)
                                        + "-([0-9a-f]+)-(\\d+)-(\\d+)-([0-9a-f]{8})-\\d+.*")
                        .matcher(fileName);
        if (!m.matches()) {
            return null;
        }
        return new Name(
                m.group(1), Integer.parseInt(m.group(2)), Long.parseLong(m.group(3)), m.group(4));
    }

    /** The column types a partition directory can hold (written as {@code key=value}). */
    public static boolean partitionType(LogicalType type) {
        return switch (type.getTypeRoot()) {
            case BOOLEAN,
                    TINYINT,
                    SMALLINT,
                    INTEGER,
                    BIGINT,
                    FLOAT,
                    DOUBLE,
                    DECIMAL,
                    CHAR,
                    VARCHAR,
                    DATE,
                    TIMESTAMP_WITHOUT_TIME_ZONE ->
                    true;
            default -> false;
        };
    }

    /** Whether readers (and overwrite) ignore this name: hidden and marker files. */
    public static boolean hidden(String name) {
        return name.startsWith(".") || name.startsWith("_");
    }
}
