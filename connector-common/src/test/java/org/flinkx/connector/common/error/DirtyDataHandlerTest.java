package org.flinkx.connector.common.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.flinkx.connector.common.metrics.FlinkxMetrics;
import org.flinkx.connector.common.options.DirtyDataConfig;
import org.flinkx.connector.common.options.DirtySinkKind;
import org.flinkx.connector.common.options.ErrorLimit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirtyDataHandlerTest {

    @TempDir Path dir;

    @Test
    void everyBadRecordIsStoredWithItsErrorBeforeTheLimitFailsTheJob() throws Exception {
        FlinkxMetrics metrics = FlinkxMetrics.unregistered();
        DirtyDataHandler handler =
                new DirtyDataHandler(
                        "flinkx-test",
                        new ErrorLimit(1, -1),
                        new DirtyDataConfig(DirtySinkKind.FILE, dir.toString()),
                        "t-0",
                        metrics);
        handler.recordsProcessed(5);
        handler.handle(
                "db.orders",
                "+I[1, \"quoted\"\nline]",
                "constraint-violation",
                new SQLException("duplicate key value"));
        assertThatThrownBy(
                        () ->
                                handler.handle(
                                        "db.orders",
                                        "+I[2]",
                                        "data-error",
                                        new SQLException("bad date")))
                .isInstanceOf(ErrorLimitExceededException.class)
                .hasMessageContaining("errors.max-count")
                .hasMessageContaining("bad date");
        handler.close();

        List<String> lines = Files.readAllLines(dir.resolve("dirty-t-0.jsonl"));
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0))
                .contains("\"connector\":\"flinkx-test\"")
                .contains("\"errorKind\":\"constraint-violation\"")
                .contains("\"error\":\"duplicate key value\"")
                .contains("\\\"quoted\\\"\\nline");
        assertThat(lines.get(1)).contains("bad date");
        assertThat(metrics.dirtyRecords()).isEqualTo(2);
    }

    @Test
    void percentageLimitCountsGoodRecordsToo() throws Exception {
        DirtyDataHandler handler =
                new DirtyDataHandler(
                        "flinkx-test",
                        new ErrorLimit(Long.MAX_VALUE, 25),
                        record -> {},
                        FlinkxMetrics.unregistered());
        handler.recordsProcessed(3);
        handler.handle("t", "r", "k", new RuntimeException("x")); // 1 of 4 = 25 %
        assertThatThrownBy(() -> handler.handle("t", "r", "k", new RuntimeException("y"))) // 2 of 5
                .isInstanceOf(ErrorLimitExceededException.class)
                .hasMessageContaining("errors.max-percentage");
    }
}
