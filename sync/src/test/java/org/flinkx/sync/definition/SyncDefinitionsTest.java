package org.flinkx.sync.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.apache.flink.table.api.ValidationException;
import org.junit.jupiter.api.Test;

/** The definition file as YAML and as JSON, and the messages of wrong ones. */
class SyncDefinitionsTest {

    private static final String YAML =
            """
            source:
              type: flinkx-mariadb
              url: jdbc:mariadb://127.0.0.1:3306
              username: cdc
              password: s3cret
              tables: 'edu_db_[0-9]+\\.course_[0-9]+|shop\\..*'
            sink:
              type: flinkx-starrocks
              options:
                load-url: 127.0.0.1:8030
              starrocks:
                buckets: 4
                properties:
                  replication_num: "1"
            routes:
              - tables: 'edu_db_[0-9]+\\.course_[0-9]+'
                target: edu.course
                origin-columns:
                  source_db: database
                  source_table: table
                options:
                  sink.buffer-flush.max-rows: "1000"
            ddl:
              mode: print
            """;

    @Test
    void readsYaml() {
        SyncDefinition d = SyncDefinitions.parse(YAML);
        assertThat(d.source().type()).isEqualTo("flinkx-mariadb");
        assertThat(d.source().tables()).isEqualTo("edu_db_[0-9]+\\.course_[0-9]+|shop\\..*");
        assertThat(d.sink().starrocks().buckets()).isEqualTo(4);
        assertThat(d.sink().starrocks().properties()).containsEntry("replication_num", "1");
        SyncDefinition.Route route = d.routes().get(0);
        assertThat(route.target()).isEqualTo("edu.course");
        assertThat(route.originColumns())
                .containsExactly(
                        Map.entry("source_db", SyncDefinition.Origin.DATABASE),
                        Map.entry("source_table", SyncDefinition.Origin.TABLE));
        assertThat(route.options()).containsEntry("sink.buffer-flush.max-rows", "1000");
        assertThat(d.ddl().mode()).isEqualTo(SyncDefinition.DdlMode.PRINT);
        assertThat(d.source().toString()).doesNotContain("s3cret");
    }

    @Test
    void readsJsonWithDefaults() {
        SyncDefinition d =
                SyncDefinitions.parse(
                        "{\"source\": {\"type\": \"flinkx-mysql\", \"url\": \"jdbc:mysql://h:3306\","
                                + " \"username\": \"u\", \"tables\": \"shop\\\\..*\"},"
                                + " \"sink\": {\"type\": \"flinkx-postgresql\","
                                + " \"options\": {\"url\": \"jdbc:postgresql://h/lake\"}}}");
        assertThat(d.source().tables()).isEqualTo("shop\\..*");
        assertThat(d.routes()).isEqualTo(List.of());
        assertThat(d.ddl().mode()).isEqualTo(SyncDefinition.DdlMode.CREATE);
        assertThat(d.sink().starrocks().buckets()).isNull();
    }

    @Test
    void anUnknownKeyIsNamedWithWhereItIsAndTheKeysAllowedThere() {
        assertThatThrownBy(() -> SyncDefinitions.parse(YAML.replace("origin-columns", "origins")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'origins'")
                .hasMessageContaining("routes[0]")
                .hasMessageContaining("origin-columns")
                .hasMessageContaining("primary-key");
    }

    @Test
    void wrongValuesAreNamed() {
        assertThatThrownBy(
                        () ->
                                SyncDefinitions.parse(
                                        YAML.replace("type: flinkx-starrocks", "type: starrocks")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'sink.type' is 'starrocks'")
                .hasMessageContaining("flinkx-starrocks");
        assertThatThrownBy(() -> SyncDefinitions.parse(YAML.replace("mode: print", "mode: show")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'show'")
                .hasMessageContaining("ddl.mode");
        assertThatThrownBy(
                        () ->
                                SyncDefinitions.parse(
                                        YAML.replace("source_db: database", "source_db: schema")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'schema'")
                .hasMessageContaining("origin-columns");
        assertThatThrownBy(
                        () ->
                                SyncDefinitions.parse(
                                        YAML.replace("- tables: 'edu", "- tables: '[edu")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'routes[0].tables' is not a regular expression");
        assertThatThrownBy(() -> SyncDefinitions.parse(YAML.replace("  username: cdc\n", "")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'source.username'");
        assertThatThrownBy(() -> SyncDefinitions.parse(YAML.replace("mode: print", "mode: files")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'ddl.directory'");
    }

    /** 'rescan' belongs to a continuous sync and needs a positive interval, both named. */
    @Test
    void rescanIsReadAndChecked() {
        String binlog = YAML.replace("type: flinkx-mariadb", "type: flinkx-binlog");
        SyncDefinition d =
                SyncDefinitions.parse(
                        binlog + "rescan: {interval: 30 s, savepoint-dir: 'file:///sp'}\n");
        assertThat(d.rescan().interval()).isEqualTo("30 s");
        assertThat(d.rescan().savepointDir()).isEqualTo("file:///sp");
        assertThatThrownBy(() -> SyncDefinitions.parse(YAML + "rescan: {interval: 30 s}\n"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'source.type' flinkx-mariadb reads once");
        assertThatThrownBy(() -> SyncDefinitions.parse(binlog + "rescan: {interval: often}\n"))
                .hasMessageContaining("'rescan.interval' is 'often'");
        assertThatThrownBy(() -> SyncDefinitions.parse(binlog + "rescan: {interval: 0 s}\n"))
                .hasMessageContaining("not a positive duration");
        assertThatThrownBy(() -> SyncDefinitions.parse(binlog + "rescan: {savepoint-dir: x}\n"))
                .hasMessageContaining("'rescan.interval'");
        assertThatThrownBy(() -> SyncDefinitions.parse(binlog + "rescan: {every: 1 s}\n"))
                .hasMessageContaining("Unknown key 'every'")
                .hasMessageContaining("interval");
    }
}
