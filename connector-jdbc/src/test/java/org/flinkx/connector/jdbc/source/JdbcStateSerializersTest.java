package org.flinkx.connector.jdbc.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flinkx.connector.common.testutils.GoldenFiles;
import org.flinkx.connector.jdbc.source.enumerator.JdbcEnumState;
import org.flinkx.connector.jdbc.source.enumerator.JdbcEnumStateSerializer;
import org.flinkx.connector.jdbc.source.split.JdbcSourceSplit;
import org.flinkx.connector.jdbc.source.split.JdbcSourceSplitSerializer;
import org.junit.jupiter.api.Test;

/** The source's state formats read the bytes every earlier version wrote. */
class JdbcStateSerializersTest {

    static JdbcSourceSplit rangeSplit() {
        return new JdbcSourceSplit(
                "0-1-3",
                1,
                "shop",
                "public.orders",
                "id",
                100L,
                200L,
                0,
                0,
                true,
                "updated",
                LocalDateTime.of(2024, 5, 1, 12, 30, 15, 123_000_000),
                Instant.ofEpochSecond(1_700_000_000L, 5),
                "id",
                150L,
                true);
    }

    static JdbcSourceSplit modSplit() {
        return new JdbcSourceSplit(
                "poll-7-0-0",
                0,
                null,
                null,
                "amount",
                null,
                null,
                4,
                3,
                false,
                null,
                null,
                null,
                "amount",
                new BigDecimal("12345.6789"),
                false);
    }

    @Test
    void splitVersion1() throws Exception {
        for (JdbcSourceSplit split : List.of(rangeSplit(), modSplit())) {
            String name = "jdbc-split-" + split.splitId() + "-v1.bin";
            byte[] golden =
                    GoldenFiles.read(name, JdbcSourceSplitSerializer.INSTANCE.serialize(split));
            assertThat(JdbcSourceSplitSerializer.INSTANCE.deserialize(1, golden)).isEqualTo(split);
        }
    }

    @Test
    void enumeratorStateVersion1() throws Exception {
        Map<String, Object> marks = new LinkedHashMap<>();
        marks.put("0/public.orders", 99L);
        marks.put("1/", "zzz");
        JdbcEnumState state = new JdbcEnumState(List.of(rangeSplit(), modSplit()), true, marks, 7);
        JdbcEnumStateSerializer serializer = new JdbcEnumStateSerializer();
        byte[] golden = GoldenFiles.read("jdbc-enum-state-v1.bin", serializer.serialize(state));
        JdbcEnumState restored = serializer.deserialize(1, golden);
        assertThat(restored.pendingSplits()).isEqualTo(state.pendingSplits());
        assertThat(restored.initialized()).isTrue();
        assertThat(restored.highWaterMarks()).isEqualTo(marks);
        assertThat(restored.pollRound()).isEqualTo(7);
    }
}
