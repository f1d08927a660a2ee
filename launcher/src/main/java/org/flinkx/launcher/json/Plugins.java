package org.flinkx.launcher.json;

import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every reader and writer of the original FlinkX/ChunJun that FlinkX runs: the one place a new
 * connector adds its plugins. ChunJun's {@code xxxsource}/{@code xxxsink} spellings name the same
 * plugins as {@code xxxreader}/{@code xxxwriter}.
 */
final class Plugins {

    private static final Map<String, Plugin> ALL =
            Stream.of(
                            JdbcPlugins.reader("mysqlreader", "flinkx-mysql"),
                            JdbcPlugins.writer("mysqlwriter", "flinkx-mysql"),
                            JdbcPlugins.reader("mariadbreader", "flinkx-mariadb"),
                            JdbcPlugins.writer("mariadbwriter", "flinkx-mariadb"),
                            JdbcPlugins.reader("postgresqlreader", "flinkx-postgresql"),
                            JdbcPlugins.writer("postgresqlwriter", "flinkx-postgresql"),
                            HdfsPlugins.reader(),
                            HdfsPlugins.writer(),
                            BinlogPlugin.reader(),
                            KafkaReaderPlugin.reader(),
                            KafkaWriterPlugin.writer(),
                            StarRocksPlugin.writer(),
                            EsReaderPlugin.reader("esreader"),
                            EsReaderPlugin.reader("elasticsearch7reader"),
                            EsWriterPlugin.writer("eswriter"),
                            EsWriterPlugin.writer("elasticsearch7writer"),
                            StreamPlugins.reader(),
                            StreamPlugins.writer())
                    .collect(Collectors.toMap(Plugin::name, Function.identity()));

    private Plugins() {}

    static Map<String, Plugin> all() {
        return ALL;
    }

    /** The reader (or writer) named {@code name}; fails naming the known ones. */
    static Plugin get(String name, boolean reader) {
        String normalized =
                name.trim()
                        .toLowerCase(java.util.Locale.ROOT)
                        .replaceAll("source$", "reader")
                        .replaceAll("sink$", "writer");
        Plugin plugin = ALL.get(normalized);
        if (plugin == null || plugin.isReader() != reader) {
            String kind = reader ? "reader" : "writer";
            throw new IllegalArgumentException(
                    "unknown "
                            + kind
                            + " '"
                            + name
                            + "'; FlinkX runs the "
                            + kind
                            + "s "
                            + ALL.values().stream()
                                    .filter(p -> p.isReader() == reader)
                                    .map(Plugin::name)
                                    .collect(Collectors.toCollection(TreeSet::new)));
        }
        return plugin;
    }
}
