package org.flinkx.launcher.json;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code hdfsreader} and {@code hdfswriter} as {@code flinkx-hdfs} tables. */
final class HdfsPlugins {

    private static final String PATH = "`path` (with `defaultFS` in front when it has no scheme)";
    private static final String DEFAULT_FS = "the file system of a `path` without a scheme";
    private static final String FILE_TYPE = "`format`: `text` (default), `orc`, `parquet`";
    private static final String DELIMITER =
            "`text.field-delimiter` (text files; `\\001` by default)";
    private static final String HADOOP = "each entry as `properties.<key>`";

    static final KeyTable READER_KEYS =
            KeyTable.builder()
                    .option("encoding", "text.charset")
                    .read("path", PATH)
                    .read("defaultFS", DEFAULT_FS)
                    .read("fileType", FILE_TYPE)
                    .read("fieldDelimiter", DELIMITER)
                    .read(
                            "column",
                            "`{index, type, name, value}`: text files by `index` (fields the job skips are "
                                    + "declared and not selected), ORC and Parquet by `name`; `value`: a constant")
                    .read("hadoopConfig", HADOOP)
                    .read("fileName", "a sub-directory of `path` to read")
                    .ignored(
                            "filterRegex",
                            "FlinkX reads every file under 'path' (hidden files and _SUCCESS excepted)")
                    .ignored("fromLine", "every line of a text file is data")
                    .ignored("nullIsReplacedWithValue", "NULL is read as NULL")
                    .ignored("isFileEmpty", "an empty directory reads no rows")
                    .build();

    static final KeyTable WRITER_KEYS =
            KeyTable.builder()
                    .option("encoding", "text.charset")
                    .option("maxFileSize", "sink.rolling-policy.file-size")
                    .option("rowGroupSize", "parquet.block.size")
                    .option("enableDictionary", "parquet.enable.dictionary")
                    .read("path", PATH)
                    .read("defaultFS", DEFAULT_FS)
                    .read("fileType", FILE_TYPE)
                    .read("fieldDelimiter", DELIMITER)
                    .read(
                            "column",
                            "`{name, type}` matched by position with the reader's columns; absent: the reader's")
                    .read("hadoopConfig", HADOOP)
                    .read(
                            "fileName",
                            "a sub-directory of `path` written, e.g. a partition `pt=20261201`")
                    .read(
                            "writeMode",
                            "`sink.write-mode`: `append`, `overwrite` (`nonConflict` runs as `append`, with a warning)")
                    .read(
                            "compress",
                            "`compression`: text GZIP, BZIP2, SNAPPY, ZSTD; ORC GZIP (as zlib), ZLIB, SNAPPY; "
                                    + "Parquet GZIP, SNAPPY, ZSTD; NONE")
                    .ignored("flushInterval", "files are published at each checkpoint")
                    .ignored("flushIntervalMills", "files are published at each checkpoint")
                    .ignored(
                            "nextCheckRows",
                            "files roll over by size and interval (sink.rolling-policy.*)")
                    .ignored("fullColumnName", "FlinkX writes the columns of 'column'")
                    .ignored("fullColumnType", "FlinkX writes the columns of 'column'")
                    .ignored("connection", "FlinkX does not register Hive partitions")
                    .ignored(
                            "suffix",
                            "file names are part-<run>-<subtask>-<checkpoint>-<attempt>-<count><extension>")
                    .build();

    /** The original's {@code compress} names, per format, as {@code compression} values. */
    private static final Map<String, Map<String, String>> COMPRESSION =
            Map.of(
                    "text",
                            Map.of(
                                    "NONE", "none", "GZIP", "gzip", "BZIP2", "bzip2", "SNAPPY",
                                    "snappy", "ZSTD", "zstd"),
                    "orc",
                            Map.of(
                                    "NONE", "none", "GZIP", "zlib", "ZLIB", "zlib", "SNAPPY",
                                    "snappy"),
                    "parquet",
                            Map.of(
                                    "NONE", "none", "GZIP", "gzip", "SNAPPY", "snappy", "ZSTD",
                                    "zstd"));

    private HdfsPlugins() {}

    static Plugin reader() {
        return Plugin.reader(
                "hdfsreader",
                "flinkx-hdfs",
                READER_KEYS,
                (parameters, context) -> readerTable(parameters));
    }

    static Plugin writer() {
        return Plugin.writer("hdfswriter", "flinkx-hdfs", WRITER_KEYS, HdfsPlugins::writerTable);
    }

    private static TableDef common(Parameters parameters, String name) {
        TableDef table = new TableDef(name, "flinkx-hdfs");
        String path = parameters.required("path");
        if (!path.contains("://") && parameters.text("defaultFS").isPresent()) {
            path =
                    parameters.text("defaultFS").get().replaceAll("/+$", "")
                            + "/"
                            + path.replaceAll("^/+", "");
        }
        String fileName = parameters.text("fileName").orElse("");
        if (!fileName.isEmpty()) {
            path = path.replaceAll("/+$", "") + "/" + fileName;
        }
        table.options.put("path", path);
        String format = parameters.text("fileType").orElse("text").toLowerCase(Locale.ROOT);
        if (!COMPRESSION.containsKey(format)) {
            throw new IllegalArgumentException(
                    parameters.plugin()
                            + ": fileType '"
                            + format
                            + "' is not one of text, orc, parquet");
        }
        table.options.put("format", format);
        parameters
                .text("fieldDelimiter")
                .ifPresent(
                        delimiter -> {
                            if (format.equals("text")) {
                                table.options.put("text.field-delimiter", delimiter);
                            }
                        });
        parameters
                .node("hadoopConfig")
                .ifPresent(
                        conf ->
                                conf.fields()
                                        .forEachRemaining(
                                                entry ->
                                                        table.options.put(
                                                                "properties." + entry.getKey(),
                                                                entry.getValue().asText())));
        parameters.copyOptions(table.options);
        return table;
    }

    private static TableDef readerTable(Parameters parameters) {
        TableDef table = common(parameters, "reader");
        boolean positional = table.options.get("format").equals("text");
        List<Columns.Spec> specs = Columns.specs(parameters);
        if (specs.isEmpty()) {
            throw new IllegalArgumentException(
                    parameters.plugin()
                            + ": 'column' must list the columns "
                            + "with their types (files have no schema to ask)");
        }
        java.util.TreeMap<Integer, TableDef.Column> byIndex = new java.util.TreeMap<>();
        for (int i = 0; i < specs.size(); i++) {
            Columns.Spec spec = specs.get(i);
            if (spec.type() == null) {
                throw new IllegalArgumentException(
                        parameters.plugin() + ": column " + i + " needs a 'type'");
            }
            int index = spec.index() != null ? spec.index() : i;
            String name = spec.name() != null ? spec.name() : "col" + index;
            TableDef.Column column =
                    new TableDef.Column(name, ColumnTypes.ofName(name, spec.type()), spec.value());
            table.columns.add(column);
            if (column.isConstant()) {
                continue;
            }
            if (!positional && spec.name() == null) {
                throw new IllegalArgumentException(
                        parameters.plugin()
                                + ": column "
                                + i
                                + " needs a 'name' "
                                + "(ORC and Parquet columns are read by name)");
            }
            if (positional && byIndex.put(index, column) != null) {
                throw new IllegalArgumentException(
                        parameters.plugin() + ": column index " + index + " is used twice");
            }
        }
        if (positional) {
            // A text table declares the files' fields in their order; fields the job skips are not
            // selected.
            List<TableDef.Column> selected = List.copyOf(table.columns);
            table.columns.clear();
            int last = byIndex.isEmpty() ? -1 : byIndex.lastKey();
            for (int index = 0; index <= last; index++) {
                table.columns.add(
                        byIndex.getOrDefault(
                                index, TableDef.Column.of("_skipped_" + index, "STRING")));
            }
            selected.stream().filter(TableDef.Column::isConstant).forEach(table.columns::add);
            table.selected = selected;
        }
        return table;
    }

    private static TableDef writerTable(Parameters parameters, Plugin.Context context) {
        TableDef table = common(parameters, "writer");
        String format = table.options.get("format");
        String mode = parameters.text("writeMode").orElse("append").toLowerCase(Locale.ROOT);
        switch (mode) {
            case "append" -> table.options.put("sink.write-mode", "append");
            case "overwrite" -> table.options.put("sink.write-mode", "overwrite");
            case "nonconflict" -> {
                table.options.put("sink.write-mode", "append");
                context.warnings()
                        .add(parameters.plugin() + ": writeMode 'nonConflict' runs as 'append'");
            }
            default ->
                    throw new IllegalArgumentException(
                            parameters.plugin()
                                    + ": writeMode '"
                                    + mode
                                    + "' is not one of append, overwrite, nonConflict");
        }
        parameters
                .text("compress")
                .ifPresent(
                        compress -> {
                            String codec =
                                    COMPRESSION.get(format).get(compress.toUpperCase(Locale.ROOT));
                            if (codec == null) {
                                throw new IllegalArgumentException(
                                        parameters.plugin()
                                                + ": compress '"
                                                + compress
                                                + "' is not "
                                                + "supported for "
                                                + format
                                                + "; use one of "
                                                + new java.util.TreeSet<>(
                                                        COMPRESSION.get(format).keySet()));
                            }
                            table.options.put("compression", codec);
                        });
        Columns.fromReader(parameters, table, Columns.specs(parameters), context.reader());
        return table;
    }
}
