package org.flinkx.connector.binlog.source.split;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flinkx.connector.binlog.debezium.FlinkxSchemaHistory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a checkpoint of the binlog split carries while the engine builds its schema history. */
class BinlogSplitStateTest {

    private static final String INSTANCE = "binlog-split-state-test";
    private static final String START_OFFSET = "{\"file\":\"mysql-bin.000001\",\"pos\":4}";

    @AfterEach
    void unregister() {
        FlinkxSchemaHistory.unregister(INSTANCE);
    }

    @Test
    void aCheckpointBeforeTheFirstRecordKeepsTheHistoryTheSplitStartedWith() {
        BinlogSplit started = new BinlogSplit(START_OFFSET, List.of());
        FlinkxSchemaHistory.register(INSTANCE, started.schemaHistory());
        BinlogSplitState state = new BinlogSplitState(started, INSTANCE);

        // the engine's schema snapshot has recorded one of two tables when the checkpoint comes
        recordHistory("{\"ddl\":\"CREATE TABLE a (id INT)\"}");
        BinlogSplit checkpointed = state.toSplit();

        assertThat(checkpointed.offset()).isEqualTo(START_OFFSET);
        assertThat(checkpointed.schemaHistory())
                .as("a partial history would hide table b from the restored engine")
                .isEmpty();
    }

    @Test
    void fromTheFirstRecordOnTheEnginesHistoryIsCheckpointedWithTheRecordsOffset() {
        List<String> earlier = List.of("{\"ddl\":\"CREATE TABLE a (id INT)\"}");
        BinlogSplit started = new BinlogSplit(START_OFFSET, earlier);
        FlinkxSchemaHistory.register(INSTANCE, started.schemaHistory());
        BinlogSplitState state = new BinlogSplitState(started, INSTANCE);
        assertThat(state.toSplit().schemaHistory()).isEqualTo(earlier);

        recordHistory("{\"ddl\":\"ALTER TABLE a ADD COLUMN b INT\"}");
        state.moveTo(Map.of("file", "mysql-bin.000001", "pos", 900L));
        BinlogSplit checkpointed = state.toSplit();

        assertThat(checkpointed.offset()).contains("\"pos\":900");
        assertThat(checkpointed.schemaHistory())
                .containsExactly(
                        "{\"ddl\":\"CREATE TABLE a (id INT)\"}",
                        "{\"ddl\":\"ALTER TABLE a ADD COLUMN b INT\"}");
    }

    /** What Debezium's storeRecord does: the record lands in the instance's live list. */
    private static void recordHistory(String document) {
        List<String> now = new ArrayList<>(FlinkxSchemaHistory.documents(INSTANCE));
        now.add(document);
        FlinkxSchemaHistory.register(INSTANCE, now);
    }
}
