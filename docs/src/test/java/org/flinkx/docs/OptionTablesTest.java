package org.flinkx.docs;

import org.flinkx.connector.binlog.table.BinlogTableFactory;
import org.flinkx.connector.hdfs.table.HdfsDynamicTableFactory;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.description.HtmlFormatter;

import org.flinkx.connector.common.options.CommonOptions;
import org.flinkx.connector.jdbc.table.AbstractJdbcTableFactory;
import org.flinkx.connector.jdbc.table.JdbcConnectorOptions;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The option tables in the docs are generated from the {@link ConfigOption}s. This test fails when a
 * page and the code disagree; run it with {@code -Dflinkx.docs.regenerate=true} to rewrite the tables.
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

    private static void checkPage(Path page, List<ConfigOption<?>> options) throws IOException {
        String table = table(options);
        String text = Files.readString(page, StandardCharsets.UTF_8);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        assertThat(begin).as("%s has the generated-options markers", page).isGreaterThanOrEqualTo(0);
        String current = text.substring(begin + BEGIN.length(), end);
        if (Boolean.getBoolean("flinkx.docs.regenerate")) {
            Files.writeString(page, text.substring(0, begin + BEGIN.length()) + table + text.substring(end), StandardCharsets.UTF_8);
            return;
        }
        assertThat(current)
                .as("The option table of %s is out of date: run `mvn -pl docs test -Dflinkx.docs.regenerate=true`", page)
                .isEqualTo(table);
    }

    static String table(List<ConfigOption<?>> options) {
        StringBuilder out = new StringBuilder("\n| Key | Default | Type | Description |\n|---|---|---|---|\n");
        options.stream()
                .distinct()
                .sorted(Comparator.comparing(ConfigOption::key))
                .forEach(option -> out.append("| `").append(option.key()).append("` | ")
                        .append(option.hasDefaultValue() ? "`" + option.defaultValue() + "`" : "(none)")
                        .append(" | ").append(type(option))
                        .append(" | ").append(new HtmlFormatter().format(option.description()).replace("|", "\\|").replace("\n", " "))
                        .append(" |\n"));
        return out.toString();
    }

    /** ConfigOption keeps its type package-private; the docs read it reflectively. */
    private static String type(ConfigOption<?> option) {
        try {
            java.lang.reflect.Method getClazz = ConfigOption.class.getDeclaredMethod("getClazz");
            java.lang.reflect.Method isList = ConfigOption.class.getDeclaredMethod("isList");
            getClazz.setAccessible(true);
            isList.setAccessible(true);
            Class<?> clazz = (Class<?>) getClazz.invoke(option);
            String name = clazz.isEnum() ? "Enum: " + String.join(", ", enumValues(clazz)) : clazz.getSimpleName();
            return (Boolean) isList.invoke(option) ? "List&lt;" + name + "&gt;" : name;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> enumValues(Class<?> clazz) {
        List<String> values = new ArrayList<>();
        for (Object constant : clazz.getEnumConstants()) {
            values.add("'" + constant + "'");
        }
        return values;
    }

}
