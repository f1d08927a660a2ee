package org.flinkx.connector.binlog.source.enumerator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How the snapshot planner matches the captured tables. */
class SnapshotPlannerTest {

    @Test
    void tablePatternsAreSplitAsDebeziumSplitsThem() {
        // the option is a Flink list (';'), and the docs show commas, as Debezium's include lists
        // have; a comma inside a regular expression is escaped, as Debezium wants it
        for (List<String> option :
                List.of(
                        List.of("shop\\.orders,shop\\.items_[0-9]{1\\,3}"),
                        List.of("shop\\.orders", "shop\\.items_[0-9]{1\\,3}"))) {
            List<java.util.regex.Pattern> patterns = SnapshotPlanner.patterns(option);
            assertThat(patterns).as(option.toString()).hasSize(2);
            assertThat(patterns.get(0).matcher("SHOP.Orders").matches()).isTrue();
            assertThat(patterns.get(1).matcher("shop.items_42").matches()).isTrue();
            assertThat(patterns.get(1).matcher("shop.items_4242").matches()).isFalse();
        }
    }
}
