package org.flinkx.launcher.json;

import java.util.List;

/**
 * A reader or writer of the original FlinkX/ChunJun ({@code mysqlreader}, {@code hdfswriter}, ...)
 * and its translation into a FlinkX table. {@link Plugins} lists them all.
 *
 * @param name the plugin's name in a job's {@code reader.name} or {@code writer.name}
 * @param connector the connector of the plugin's table, for docs/json-jobs.md
 * @param keys every key of the plugin's {@code parameter}, and what FlinkX does with it
 * @param translation the table that reads or writes what the plugin did
 */
record Plugin(
        String name, boolean isReader, String connector, KeyTable keys, Translation translation) {

    /** Translates a plugin's parameters into its table. */
    @FunctionalInterface
    interface Translation {
        TableDef table(Parameters parameters, Context context);
    }

    static Plugin reader(String name, String connector, KeyTable keys, Translation translation) {
        return new Plugin(name, true, connector, keys, translation);
    }

    static Plugin writer(String name, String connector, KeyTable keys, Translation translation) {
        return new Plugin(name, false, connector, keys, translation);
    }

    TableDef table(Parameters parameters, Context context) {
        return translation.table(parameters, context);
    }

    /**
     * What a translation knows besides the plugin's own parameters.
     *
     * @param reader the reader's table, for a writer (its columns give a writer without types its
     *     types); null for a reader
     * @param channels the job's {@code speed.channel}
     * @param writerChannels the writer's parallelism: {@code speed.writerChannel}, else {@code
     *     speed.channel}
     * @param semantic the writer's operator-level {@code semantic} (ChunJun's), or null; it wins
     *     over a {@code semantic} parameter
     */
    record Context(
            TableDef reader,
            int channels,
            int writerChannels,
            String semantic,
            List<String> warnings) {}
}
