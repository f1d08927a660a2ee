package org.flinkx.connector.binlog.debezium;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A row's offset names only the transactions completed before the row's own. */
class RestartOffsetsTest {

    private static final Map<String, Object> FIRST_TRANSACTION =
            Map.of("file", "mysql-bin.000001", "pos", 942479L, "gtids", "0-1-2519", "event", 2);

    @Test
    @SuppressWarnings("unchecked")
    void theRowsTransactionIsTakenOutOfTheCompletedOnes() {
        assertThat((Map<String, Object>) RestartOffsets.of(FIRST_TRANSACTION, "0-1-2519"))
                .containsEntry("gtids", "0-1-2518")
                .containsEntry("event", 2)
                .containsEntry("pos", 942479L);
        assertThat(
                        (Map<String, Object>)
                                RestartOffsets.of(Map.of("gtids", "1-7-40,0-1-2519"), "0-1-2519"))
                .containsEntry("gtids", "1-7-40,0-1-2518");
    }

    @Test
    void anOffsetThatDoesNotNameItStaysAsItIs() {
        Map<String, Object> later = Map.of("gtids", "0-1-2519", "event", 4);
        assertThat(RestartOffsets.of(later, "0-1-2520")).isSameAs(later);
        assertThat(RestartOffsets.of(later, null)).isSameAs(later);
        Map<String, Object> mysql = Map.of("gtids", "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5");
        assertThat(RestartOffsets.of(mysql, "3e11fa47-71ca-11e1-9e33-c80aa9429562:5"))
                .isSameAs(mysql);
        Map<String, Object> none = Map.of("file", "mysql-bin.000001", "pos", 4L);
        assertThat(RestartOffsets.of(none, "0-1-1")).isSameAs(none);
    }
}
