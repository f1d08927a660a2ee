package org.flinkx.connector.common.options;

import java.io.Serializable;
import org.apache.flink.annotation.PublicEvolving;

/**
 * How many bad records a job tolerates before it fails: the bad records of all subtasks of one
 * source or sink together, and, as the early failure, of each subtask alone.
 *
 * @param maxCount bad records tolerated; {@link Long#MAX_VALUE} for no count limit
 * @param maxPercentage bad records tolerated as a percentage of all records, or a negative value
 *     for no percentage limit
 */
@PublicEvolving
public record ErrorLimit(long maxCount, double maxPercentage) implements Serializable {

    public static final ErrorLimit FAIL_ON_FIRST = new ErrorLimit(0, -1);

    /**
     * Whether counting over all subtasks can fail a job that no single subtask fails: not for no
     * limit, nor for a limit of 0 (the first bad record of any subtask passes it).
     */
    public boolean dependsOnAllSubtasks() {
        boolean countLimit = maxCount > 0 && maxCount < Long.MAX_VALUE;
        boolean percentageLimit = maxPercentage > 0 && maxPercentage < 100;
        return countLimit || percentageLimit;
    }

    /**
     * Returns a description of the limit that {@code errors} out of {@code records} passed, or
     * null.
     */
    public String exceededBy(long errors, long records) {
        if (errors > maxCount) {
            return String.format(
                    "%d bad records passed the limit 'errors.max-count' = %d", errors, maxCount);
        }
        if (maxPercentage >= 0 && records > 0) {
            double percentage = 100.0 * errors / records;
            if (percentage > maxPercentage) {
                return String.format(
                        "%d bad records of %d (%.2f%%) passed the limit 'errors.max-percentage' = %s",
                        errors, records, percentage, maxPercentage);
            }
        }
        return null;
    }
}
