package org.flinkx.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LauncherOptionsTest {

    @Test
    void readsTheOriginalFlinkxCommandLine() throws Exception {
        LauncherOptions options =
                LauncherOptions.parse(
                        "-mode",
                        "yarnPer",
                        "-job",
                        "job.json",
                        "-confProp",
                        "{\"flink.checkpoint.interval\":60000}",
                        "-s",
                        "hdfs:///ckp/chk-3",
                        "-p",
                        "4",
                        "--no-progress",
                        "-Dday=2026-12-01");

        assertThat(options.mode()).isEqualTo(Mode.YARN_PER_JOB);
        assertThat(options.mode().target())
                .contains("yarn-application"); // Flink 2 has no per-job mode
        assertThat(options.mode().isApplication()).isTrue();
        assertThat(options.job()).isEqualTo(Path.of("job.json"));
        assertThat(options.isJsonJob()).isTrue();
        assertThat(options.savepoint()).contains("hdfs:///ckp/chk-3");
        assertThat(options.parallelism()).hasValue(4);
        assertThat(options.progress()).isFalse();
        assertThat(options.variables()).containsEntry("day", "2026-12-01");
    }

    @Test
    void everyModeHasItsFlinkTarget() throws Exception {
        assertThat(Mode.of("local").target()).isEmpty();
        assertThat(Mode.of("standalone").target()).contains("remote");
        assertThat(Mode.of("yarn").target()).contains("yarn-session");
        assertThat(Mode.of("yarn-application").target()).contains("yarn-application");
        assertThat(Mode.of("kubernetes-session").target()).contains("kubernetes-session");
        assertThat(Mode.of("kubernetes-application").isApplication()).isTrue();
    }

    @Test
    void aWrongCommandLineNamesWhatIsAllowed() {
        assertThatThrownBy(() -> LauncherOptions.parse("-job", "a.sql", "-mode", "mesos"))
                .hasMessageContaining("'mesos'")
                .hasMessageContaining(
                        "local, standalone, yarn-session, yarn-per-job, yarn-application");
        assertThatThrownBy(() -> LauncherOptions.parse("-job", "a.sql", "-pluginRoot", "/x"))
                .hasMessageContaining("'-pluginRoot'")
                .hasMessageContaining("-confProp");
        assertThatThrownBy(() -> LauncherOptions.parse("-mode", "local"))
                .hasMessageContaining("no job given");
        assertThatThrownBy(() -> LauncherOptions.parse("-job", "a.sql", "-p", "0"))
                .hasMessageContaining("-p expects a positive integer");
    }

    @Test
    void confPropTranslatesTheOriginalKeysAndReportsUnknownOnes() throws Exception {
        List<String> warnings = new ArrayList<>();
        Map<String, String> settings =
                ConfProps.parse(
                        "{\"flink.checkpoint.interval\": 60000, "
                                + "\"flink.checkpoint.stateBackend\": \"hdfs:///ckp\", \"flink.checkpoint.cleanup.mode\": true, "
                                + "\"state.checkpoints.num-retained\": 3}",
                        warnings);

        assertThat(settings)
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(
                                "execution.checkpointing.interval", "60000 ms",
                                "execution.checkpointing.dir", "hdfs:///ckp",
                                "state.checkpoints.num-retained", "3"));
        assertThat(warnings)
                .singleElement()
                .asString()
                .contains("'flink.checkpoint.cleanup.mode' is ignored");
        assertThatThrownBy(() -> ConfProps.parse("[1]", warnings))
                .hasMessageContaining("must be a JSON object");
        assertThatThrownBy(() -> ConfProps.parse("{x", warnings))
                .hasMessageContaining("not a JSON object");
    }

    @Test
    void theCommandLineWinsOverConfigYamlAndTheJob(@org.junit.jupiter.api.io.TempDir Path conf)
            throws Exception {
        java.nio.file.Files.writeString(
                conf.resolve("config.yaml"),
                "rest.address: 10.0.0.7\nrest.port: 8099\nparallelism.default: 8\n");
        LauncherOptions options =
                LauncherOptions.parse(
                        "-mode",
                        "standalone",
                        "-job",
                        "a.sql",
                        "-flinkConfDir",
                        conf.toString(),
                        "-p",
                        "3",
                        "-confProp",
                        "{\"pipeline.name\": \"sync\"}");

        FlinkConfig config = FlinkConfig.of(options, Map.of(), new ArrayList<>());

        assertThat(config.configuration().toMap())
                .containsEntry("rest.address", "10.0.0.7")
                .containsEntry("rest.port", "8099")
                .containsEntry("parallelism.default", "3")
                .containsEntry("pipeline.name", "sync");
        assertThat(config.commandLine()).containsOnlyKeys("parallelism.default", "pipeline.name");
    }
}
