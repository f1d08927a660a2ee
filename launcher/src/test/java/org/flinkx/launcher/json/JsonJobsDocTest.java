package org.flinkx.launcher.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/json-jobs.md maps every key of every plugin and of {@code job.setting} as the translator
 * does: its tables are generated from {@link Plugins} and {@link JobSettings#KEYS}. Fails when page
 * and code disagree; {@code -Dflinkx.docs.regenerate=true} rewrites them.
 */
class JsonJobsDocTest {

    private static final Path PAGE = Path.of("..", "docs", "json-jobs.md");
    private static final String BEGIN = "<!-- BEGIN GENERATED JSON KEYS -->";
    private static final String END = "<!-- END GENERATED JSON KEYS -->";

    @Test
    void thePageListsEveryKeyAsTheTranslatorTreatsIt() throws IOException {
        String tables = tables();
        String text = Files.readString(PAGE, StandardCharsets.UTF_8);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        assertThat(begin).as("%s has the generated-keys markers", PAGE).isGreaterThanOrEqualTo(0);
        if (Boolean.getBoolean("flinkx.docs.regenerate")) {
            Files.writeString(
                    PAGE,
                    text.substring(0, begin + BEGIN.length()) + tables + text.substring(end),
                    StandardCharsets.UTF_8);
            return;
        }
        assertThat(text.substring(begin + BEGIN.length(), end))
                .as(
                        "The key tables of %s are out of date: run `mvn -pl launcher test -Dflinkx.docs.regenerate=true`",
                        PAGE)
                .isEqualTo(tables);
    }

    private static String tables() {
        StringBuilder out =
                new StringBuilder("\n\n### `job.setting`\n\n| key | FlinkX |\n|---|---|\n");
        JobSettings.KEYS.forEach((key, meaning) -> row(out, key, meaning));
        Plugins.all().values().stream()
                .sorted(
                        Comparator.comparing((Plugin p) -> !p.isReader())
                                .thenComparing(Plugin::name))
                .forEach(
                        plugin -> {
                            out.append("\n### `")
                                    .append(plugin.name())
                                    .append("`: ")
                                    .append(plugin.connector())
                                    .append("\n\n| key | FlinkX |\n|---|---|\n");
                            for (Map.Entry<String, KeyTable.Key> key :
                                    plugin.keys().keys().entrySet()) {
                                row(out, key.getKey(), KeyTable.describe(key.getValue()));
                            }
                        });
        return out.append('\n').toString();
    }

    private static void row(StringBuilder out, String key, String meaning) {
        out.append("| `")
                .append(key)
                .append("` | ")
                .append(meaning.replace("|", "\\|"))
                .append(" |\n");
    }
}
