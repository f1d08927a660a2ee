package org.flinkx.connector.common.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.flinkx.connector.common.options.ErrorLimit;
import org.junit.jupiter.api.Test;

class JobErrorCountsTest {

    private final JobErrorCounts counts =
            new JobErrorCounts("flinkx-test", "sink", new ErrorLimit(2, -1));

    @Test
    void theBadRecordsOfAllSubtasksPassALimitNoSubtaskPassesAlone() {
        counts.update(0, 0, 2, 10);
        assertThat(counts.exceeded(2)).isNull();
        counts.update(1, 0, 1, 10);
        assertThat(counts.exceeded(2))
                .hasMessage(
                        "flinkx-test: 3 bad records passed the limit 'errors.max-count' = 2,"
                                + " counted over all 2 sink subtasks. The bad records are in dirty"
                                + " storage.");
    }

    @Test
    void aSubtasksLatestCountsReplaceItsEarlierOnes() {
        counts.update(0, 0, 1, 10);
        counts.update(0, 0, 2, 20);
        counts.update(1, 0, 0, 5);
        assertThat(counts.bad()).isEqualTo(2);
        assertThat(counts.processed()).isEqualTo(25);
        assertThat(counts.exceeded(2)).isNull();
    }

    @Test
    void aNewAttemptCountsFromZeroAndLateReportsOfTheOldOneAreIgnored() {
        counts.update(0, 0, 2, 10);
        counts.update(1, 0, 1, 10);
        counts.attemptStarted(1, 1);
        assertThat(counts.bad()).isEqualTo(2);
        assertThat(counts.update(1, 0, 1, 12)).as("a late report of attempt 0").isTrue();
        counts.update(1, 1, 0, 3);
        assertThat(counts.update(1, 0, 1, 14)).as("attempt 0 after attempt 1 reported").isFalse();
        assertThat(counts.bad()).isEqualTo(2);
        assertThat(counts.processed()).isEqualTo(13);
        assertThat(counts.exceeded(2)).isNull();
    }

    @Test
    void anAttemptStartedAfterItsFirstReportKeepsThatReport() {
        counts.update(0, 1, 3, 10);
        counts.attemptStarted(0, 1);
        assertThat(counts.exceeded(1)).isNotNull();
    }

    @Test
    void restartedSubtasksAndAGlobalFailoverDropTheCounts() {
        counts.update(0, 0, 2, 10);
        counts.update(1, 0, 1, 10);
        counts.restarted(1);
        assertThat(counts.bad()).isEqualTo(2);
        counts.clear();
        assertThat(counts.bad()).isZero();
        assertThat(counts.processed()).isZero();
    }

    @Test
    void thePercentageIsOfAllRecordsOfAllSubtasks() {
        JobErrorCounts percent =
                new JobErrorCounts("flinkx-test", "source", new ErrorLimit(Long.MAX_VALUE, 10));
        percent.update(0, 0, 1, 10); // 10 % of this subtask's records
        percent.update(1, 0, 0, 90);
        assertThat(percent.exceeded(2)).isNull(); // 1 %
        percent.update(1, 0, 10, 90);
        assertThat(percent.exceeded(2))
                .hasMessageContaining("11 bad records of 100 (11.00%)")
                .hasMessageContaining("counted over all 2 source subtasks");
    }
}
