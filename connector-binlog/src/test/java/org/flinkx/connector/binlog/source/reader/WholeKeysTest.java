package org.flinkx.connector.binlog.source.reader;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SQL a snapshot chunk resumes with after a whole key. */
class WholeKeysTest {

    @Test
    void theRestOfAChunkIsReadAfterTheWholeKeyInTheExpandedForm() {
        List<Object> params = new ArrayList<>();
        String sql =
                WholeKeys.after(
                        List.of("tenant", "seq", "day"),
                        List.of(BigDecimal.valueOf(5), BigDecimal.valueOf(7), "d"),
                        params);
        assertThat(sql)
                .isEqualTo(
                        "`tenant` >= ? AND (`tenant` > ? OR (`tenant` = ? AND `seq` > ?) "
                                + "OR (`tenant` = ? AND `seq` = ? AND `day` > ?))");
        assertThat(params)
                .containsExactly(
                        BigDecimal.valueOf(5),
                        BigDecimal.valueOf(5),
                        BigDecimal.valueOf(5),
                        BigDecimal.valueOf(7),
                        BigDecimal.valueOf(5),
                        BigDecimal.valueOf(7),
                        "d");
    }
}
