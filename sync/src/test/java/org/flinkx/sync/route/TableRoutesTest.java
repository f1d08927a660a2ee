package org.flinkx.sync.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.ObjectPath;
import org.flinkx.sync.definition.SyncDefinition;
import org.junit.jupiter.api.Test;

/** Capture, first matching rule, capture groups, tables no rule matches, bad targets. */
class TableRoutesTest {

    private static SyncDefinition.Route rule(String tables, String target) {
        return new SyncDefinition.Route(tables, target, null, null, null);
    }

    private final TableRoutes routes =
            new TableRoutes(
                    "edu_db_[0-9]+\\.course_[0-9]+|shop\\..*",
                    List.of(
                            rule("edu_db_([0-9]+)\\.course_[0-9]+", "edu.course_of_db_$1"),
                            rule("shop\\.(?<name>order.*)", "lake.ods_${name}"),
                            rule("shop\\..*", "lake.never")));

    @Test
    void theFirstMatchingRuleWinsWithItsGroups() {
        assertThat(routes.route("edu_db_7", "course_12").orElseThrow().target())
                .isEqualTo(new ObjectPath("edu", "course_of_db_7"));
        assertThat(routes.route("shop", "orders").orElseThrow().target())
                .isEqualTo(new ObjectPath("lake", "ods_orders"));
        assertThat(routes.route("shop", "items").orElseThrow().target())
                .isEqualTo(new ObjectPath("lake", "never"));
    }

    @Test
    void onlyWholeNamesAreCapturedAndUnroutedTablesKeepTheirNames() {
        assertThat(routes.route("edu_db_1", "course_1x")).isEmpty();
        assertThat(routes.route("eshop", "orders")).isEmpty();
        TableRoutes noRules = new TableRoutes("a\\..*", List.of());
        TableRoutes.Routed routed = noRules.route("a", "t").orElseThrow();
        assertThat(routed.target()).isEqualTo(new ObjectPath("a", "t"));
        assertThat(routed.rule()).isNull();
    }

    @Test
    void aTargetThatIsNotDatabaseDotTableOrNamesAMissingGroupFails() {
        TableRoutes flat = new TableRoutes(".*", List.of(rule("a\\.(.*)", "$1")));
        assertThatThrownBy(() -> flat.route("a", "t"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("routes[0]")
                .hasMessageContaining("'a.t'")
                .hasMessageContaining("not database.table");
        TableRoutes missing = new TableRoutes(".*", List.of(rule("a\\.(.*)", "x.$2")));
        assertThatThrownBy(() -> missing.route("a", "t"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("routes[0]")
                .hasMessageContaining("group");
    }
}
