package org.flinkx.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.description.HtmlFormatter;
import org.flinkx.connector.binlog.table.BinlogTableFactory;
import org.flinkx.connector.common.options.CommonOptions;
import org.flinkx.connector.es.table.EsDynamicTableFactory;
import org.flinkx.connector.hdfs.table.HdfsDynamicTableFactory;
import org.flinkx.connector.jdbc.table.AbstractJdbcTableFactory;
import org.flinkx.connector.jdbc.table.JdbcConnectorOptions;
import org.flinkx.connector.kafka.table.KafkaTableFactory;
import org.flinkx.connector.starrocks.table.StarRocksDynamicTableFactory;
import org.junit.jupiter.api.Test;

/**
 * The option tables in the docs are generated from the {@link ConfigOption}s. This test fails when
 * a page and the code disagree; run it with {@code -Dflinkx.docs.regenerate=true} to rewrite the
 * tables.
 */
class OptionTablesTest {

    private static final String BEGIN = "<!-- BEGIN GENERATED OPTIONS -->";
    private static final String END = "<!-- END GENERATED OPTIONS -->";

    @Test
    void jdbcPageListsEveryOptionAsTheCodeDefinesIt() throws IOException {
        List<ConfigOption<?>> options = new ArrayList<>();
        options.add(JdbcConnectorOptions.URL);
        options.addAll(AbstractJdbcTableFactory.connectorOptions());
        options.addAll(CommonOptions.sourceOptions());
        options.addAll(CommonOptions.sinkOptions());
        checkPage(Path.of("jdbc.md"), options);
    }

    @Test
    void hdfsPageListsEveryOptionAsTheCodeDefinesIt() throws IOException {
        HdfsDynamicTableFactory factory = new HdfsDynamicTableFactory();
        List<ConfigOption<?>> options = new ArrayList<>(factory.requiredOptions());
        options.addAll(factory.optionalOptions());
        checkPage(Path.of("hdfs.md"), options);
    }

    @Test
    void binlogPageListsEveryOptionAsTheCodeDefinesIt() throws IOException {
        BinlogTableFactory factory = new BinlogTableFactory();
        List<ConfigOption<?>> options = new ArrayList<>(factory.requiredOptions());
        options.addAll(factory.optionalOptions());
        checkPage(Path.of("binlog.md"), options);
    }

    @Test
    void starRocksPageListsEveryOptionAsTheCodeDefinesIt() throws IOException {
        StarRocksDynamicTableFactory factory = new StarRocksDynamicTableFactory();
        List<ConfigOption<?>> options = new ArrayList<>(factory.requiredOptions());
        options.addAll(factory.optionalOptions());
        checkPage(Path.of("starrocks.md"), options);
    }

    @Test
    void kafkaPageListsEveryOptionAsTheCodeDefinesIt() throws IOException {
        KafkaTableFactory factory = new KafkaTableFactory();
        List<ConfigOption<?>> options = new ArrayList<>(factory.requiredOptions());
        options.addAll(factory.optionalOptions());
        checkPage(Path.of("kafka.md"), options);
    }

    @Test
    void esPageListsEveryOptionAsTheCodeDefinesIt() throws IOException {
        EsDynamicTableFactory factory = new EsDynamicTableFactory();
        List<ConfigOption<?>> options = new ArrayList<>(factory.requiredOptions());
        options.addAll(factory.optionalOptions());
        checkPage(Path.of("es.md"), options);
    }

    private static void checkPage(Path page, List<ConfigOption<?>> options) throws IOException {
        String table = table(options);
        String text = Files.readString(page, StandardCharsets.UTF_8);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        assertThat(begin)
                .as("%s has the generated-options markers", page)
                .isGreaterThanOrEqualTo(0);
        String current = text.substring(begin + BEGIN.length(), end);
        if (Boolean.getBoolean("flinkx.docs.regenerate")) {
            Files.writeString(
                    page,
                    text.substring(0, begin + BEGIN.length()) + table + text.substring(end),
                    StandardCharsets.UTF_8);
            return;
        }
        assertThat(current)
                .as(
                        "The option table of %s is out of date: run `mvn -pl docs test -Dflinkx.docs.regenerate=true`",
                        page)
                .isEqualTo(table);
    }

    static String table(List<ConfigOption<?>> options) {
        StringBuilder out =
                new StringBuilder("\n| Key | Default | Type | Description |\n|---|---|---|---|\n");
        options.stream()
                .distinct()
                .sorted(Comparator.comparing(ConfigOption::key))
                .forEach(
                        option ->
                                out.append("| `")
                                        .append(option.key())
                                        .append("` | ")
                                        .append(
                                                option.hasDefaultValue()
                                                        ? "`" + option.defaultValue() + "`"
                                                        : "(none)")
                                        .append(" | ")
                                        .append(type(option))
                                        .append(" | ")
                                        .append(
                                                new HtmlFormatter()
                                                        .format(option.description())
                                                        .replace("|", "\\|")
                                                        .replace("\n", " "))
                                        .append(" |\n"));
        return out.toString();
    }

    /**
     * The option's type, through ConfigOption's public API only: the class of its default value, or
     * of what a {@link Configuration} parses for it from a probe value when it has none.
     */
    private static String type(ConfigOption<?> option) {
        Object sample = option.hasDefaultValue() ? option.defaultValue() : null;
        if (sample == null || (sample instanceof List<?> list && list.isEmpty())) {
            sample = probe(option);
        }
        if (sample instanceof List<?> list) {
            return "List&lt;" + name(list.get(0).getClass()) + "&gt;";
        }
        return name(sample.getClass());
    }

    private static String name(Class<?> clazz) {
        Class<?> type =
                clazz.isAnonymousClass()
                        ? clazz.getSuperclass()
                        : clazz; // enum constants with bodies
        return type.isEnum()
                ? "Enum: " + String.join(", ", enumValues(type))
                : type.getSimpleName();
    }

    /**
     * What the option parses from "1" (numbers, durations, sizes, strings) or "true" (booleans);
     * for an enum, which refuses both, a constant of the enum class its error message names.
     */
    private static Object probe(ConfigOption<?> option) {
        Class<?> enumType = null;
        for (String candidate : List.of("1", "true")) {
            Configuration conf = new Configuration();
            conf.setString(option.key(), candidate);
            try {
                return conf.get(option);
            } catch (IllegalArgumentException notThisType) {
                enumType = enumType != null ? enumType : enumClass(notThisType);
            }
        }
        if (enumType != null) {
            return enumType.getEnumConstants()[0];
        }
        throw new IllegalStateException(
                "Cannot tell the type of '" + option.key() + "' from its public API");
    }

    /** An enum option without a default: the enum Configuration names when it refuses a probe. */
    private static Class<?> enumClass(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            java.util.regex.Matcher m =
                    java.util.regex.Pattern.compile("for enum class ([\\w.$]+)\\.")
                            .matcher(String.valueOf(t.getMessage()));
            if (m.find()) {
                try {
                    return Class.forName(m.group(1));
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return null;
    }

    private static List<String> enumValues(Class<?> clazz) {
        List<String> values = new ArrayList<>();
        for (Object constant : clazz.getEnumConstants()) {
            values.add("'" + constant + "'");
        }
        return values;
    }
}
