package org.flinkx.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.flinkx.connector.common.testutils.ChildJvm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every FlinkX flink-lib jar (and zstd-jni, which they share) in one {@code flink/lib}, beside the
 * jars of a Flink 2.2 distribution: no class is carried twice (a second copy of a library, or a
 * copy of one of Flink's, would be shadowed or shadow the other depending on the order of the class
 * path), and no service (such as a {@code java.sql.Driver}) is registered twice.
 */
class FlinkLibJarsTogetherTest {

    private static List<Path> flinkxJars;

    @BeforeAll
    static void listJars() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target", "flink-lib"))) {
            flinkxJars = files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
    }

    @Test
    void everyConnectorHasItsJar() {
        assertThat(flinkxJars.stream().map(p -> p.getFileName().toString()))
                .anyMatch(name -> name.startsWith("flinkx-connector-jdbc-"))
                .anyMatch(name -> name.startsWith("flinkx-connector-hdfs-"))
                .anyMatch(name -> name.startsWith("flinkx-connector-binlog-"))
                .anyMatch(name -> name.startsWith("flinkx-connector-starrocks-"))
                .anyMatch(name -> name.startsWith("flinkx-connector-kafka-"))
                .anyMatch(name -> name.startsWith("flinkx-connector-es-"))
                .anyMatch(name -> name.startsWith("zstd-jni-"));
    }

    @Test
    void noClassIsCarriedTwice() throws IOException {
        Map<String, List<String>> owners = new TreeMap<>();
        for (Path jar : flinkxJars) {
            for (String entry : classes(jar)) {
                owners.computeIfAbsent(entry, k -> new ArrayList<>())
                        .add(jar.getFileName().toString());
            }
        }
        assertThat(owners).as("the FlinkX jars hold classes").isNotEmpty();
        for (Path jar : ChildJvm.flinkLib()) {
            for (String entry : classes(jar)) {
                List<String> flinkx = owners.get(entry);
                if (flinkx != null) {
                    flinkx.add(jar.getFileName().toString());
                }
            }
        }
        Map<String, List<String>> twice = new TreeMap<>();
        owners.forEach(
                (entry, jars) -> {
                    if (jars.size() > 1) {
                        twice.put(entry, jars);
                    }
                });
        assertThat(twice).as("classes in more than one jar of flink/lib").isEmpty();
    }

    @Test
    void noServiceIsRegisteredTwice() throws IOException {
        Map<String, List<String>> providers = new TreeMap<>();
        for (Path jar : flinkxJars) {
            try (JarFile file = new JarFile(jar.toFile())) {
                for (JarEntry entry : file.stream().toList()) {
                    if (entry.getName().startsWith("META-INF/services/") && !entry.isDirectory()) {
                        String service = entry.getName().substring("META-INF/services/".length());
                        try (BufferedReader reader =
                                new BufferedReader(
                                        new InputStreamReader(
                                                file.getInputStream(entry),
                                                StandardCharsets.UTF_8))) {
                            for (String line : reader.lines().toList()) {
                                String provider = line.replaceAll("#.*", "").trim();
                                if (!provider.isEmpty()) {
                                    providers
                                            .computeIfAbsent(
                                                    service + " = " + provider,
                                                    k -> new ArrayList<>())
                                            .add(jar.getFileName().toString());
                                }
                            }
                        }
                    }
                }
            }
        }
        assertThat(providers).as("the FlinkX jars register services").isNotEmpty();
        assertThat(providers)
                .as("the table factories of FlinkX")
                .containsKey(
                        "org.apache.flink.table.factories.Factory = org.flinkx.connector.binlog.table.BinlogTableFactory");
        Map<String, List<String>> twice = new TreeMap<>();
        providers.forEach(
                (provider, jars) -> {
                    if (jars.size() > 1) {
                        twice.put(provider, jars);
                    }
                });
        assertThat(twice).as("service providers registered by more than one jar").isEmpty();
    }

    private static TreeSet<String> classes(Path jar) throws IOException {
        TreeSet<String> classes = new TreeSet<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            file.stream()
                    .map(JarEntry::getName)
                    .filter(name -> name.endsWith(".class"))
                    .filter(
                            name ->
                                    !name.endsWith("module-info.class")
                                            && !name.startsWith("META-INF/"))
                    .forEach(classes::add);
        }
        return classes;
    }
}
