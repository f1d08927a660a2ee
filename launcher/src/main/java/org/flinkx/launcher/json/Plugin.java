package org.flinkx.launcher.json;

import java.util.List;

/**
 * A reader or writer of the original FlinkX/ChunJun ({@code mysqlreader}, {@code hdfswriter}, ...)
 * and its translation into a FlinkX table. {@link Plugins} lists them all.
 */
interface Plugin {

    /** The plugin's name in a job's {@code reader.name} or {@code writer.name}. */
    String name();

    boolean isReader();

    /** The connector of the plugin's table, for docs/json-jobs.md. */
    String connector();

    /** Every key of the plugin's {@code parameter}, and what FlinkX does with it. */
    KeyTable keys();

    /** The table that reads or writes what the plugin did. */
    TableDef table(Parameters parameters, Context context);

    /**
     * What a translation knows besides the plugin's own parameters.
     *
     * @param reader the reader's table, for a writer (its columns give a writer without types its
     *     types); null for a reader
     * @param channels the job's {@code speed.channel}
     */
    record Context(TableDef reader, int channels, List<String> warnings) {}
}
