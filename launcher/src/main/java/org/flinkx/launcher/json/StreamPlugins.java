package org.flinkx.launcher.json;

import java.util.List;

/**
 * {@code streamreader} as Flink's {@code datagen} (random values by type, {@code type: "id"} a
 * sequence, {@code value} a constant; {@code sliceRecordCount} rows per channel, unbounded without
 * it) and {@code streamwriter} as Flink's {@code print} ({@code print: true}, ChunJun's default) or
 * {@code blackhole}.
 */
final class StreamPlugins {

    static final KeyTable READER_KEYS =
            KeyTable.builder()
                    .option("permitsPerSecond", "rows-per-second")
                    .read(
                            "column",
                            "`{name, type, value}`: random values of the type (datagen's), `type: id` a sequence "
                                    + "from 1, `value` a constant")
                    .read(
                            "sliceRecordCount",
                            "rows per channel (one number: the same for every channel): "
                                    + "`number-of-rows` = their sum; absent: unbounded")
                    .build();

    static final KeyTable WRITER_KEYS =
            KeyTable.builder()
                    .read(
                            "print",
                            "`true` (ChunJun's default): Flink's `print` connector; `false`: `blackhole`")
                    .read(
                            "column",
                            "names or `{name, type}` matched by position with the reader's columns")
                    .ignored("writeDelimiter", "print shows each row as Flink prints rows")
                    .ignored("batchInterval", "rows are printed as they come")
                    .ignored("batchSize", "rows are printed as they come")
                    .ignored("flushIntervalMills", "rows are printed as they come")
                    .build();

    private StreamPlugins() {}

    static Plugin reader() {
        return Plugin.reader("streamreader", "datagen", READER_KEYS, StreamPlugins::readerTable);
    }

    private static TableDef readerTable(Parameters parameters, Plugin.Context context) {
        TableDef table = new TableDef("reader", "datagen");
        List<Columns.Spec> specs = Columns.specs(parameters);
        if (specs.isEmpty()) {
            throw new IllegalArgumentException(
                    parameters.plugin() + ": 'column' must list the columns");
        }
        List<String> slices = parameters.texts("sliceRecordCount");
        long rows = 0;
        for (String slice : slices) {
            rows += Long.parseLong(slice.trim());
        }
        if (slices.size() == 1) {
            rows *= context.channels(); // one count: each channel's
        }
        if (rows > 0) {
            table.options.put("number-of-rows", String.valueOf(rows));
        }
        table.options.put("rows-per-second", "1000000"); // datagen's default is 10,000 rows/s
        parameters.copyOptions(table.options);
        for (int i = 0; i < specs.size(); i++) {
            Columns.Spec spec = specs.get(i);
            String name = spec.name() != null ? spec.name() : "col" + i;
            if (spec.type() == null) {
                throw new IllegalArgumentException(
                        parameters.plugin() + ": column " + i + " needs a 'type'");
            }
            boolean id = spec.type().equalsIgnoreCase("id");
            String type = id ? "BIGINT" : ColumnTypes.ofName(name, spec.type());
            if (spec.value() != null) {
                table.columns.add(new TableDef.Column(name, type, spec.value()));
                continue;
            }
            table.columns.add(TableDef.Column.of(name, type));
            if (id && rows > 0) {
                table.options.put("fields." + name + ".kind", "sequence");
                table.options.put("fields." + name + ".start", "1");
                table.options.put("fields." + name + ".end", String.valueOf(rows));
            }
        }
        if (table.stored().isEmpty()) { // datagen needs a column to generate
            table.selected = List.copyOf(table.columns);
            table.columns.add(0, TableDef.Column.of("_row", "BIGINT"));
        }
        return table;
    }

    static Plugin writer() {
        return Plugin.writer(
                "streamwriter", "print or blackhole", WRITER_KEYS, StreamPlugins::writerTable);
    }

    private static TableDef writerTable(Parameters parameters, Plugin.Context context) {
        boolean print = parameters.text("print").map(Boolean::parseBoolean).orElse(true);
        TableDef table = new TableDef("writer", print ? "print" : "blackhole");
        Columns.fromReader(parameters, table, Columns.specs(parameters), context.reader());
        return table;
    }
}
