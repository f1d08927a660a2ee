package org.flinkx.connector.common.options;

import java.io.Serializable;
import org.apache.flink.annotation.PublicEvolving;

/**
 * How many bad records a subtask tolerates before the job fails.
 *
 * @param maxCount bad records tolerated; {@link Long#MAX_VALUE} for no count limit
 * @param maxPercentage bad records tolerated as a percentage of all records, or a negative value
 *     for no percentage limit
 */
@PublicEvolving
public record ErrorLimit(long maxCount, double maxPercentage) implements Serializable {

    public static final ErrorLimit FAIL_ON_FIRST = new ErrorLimit(0, -1);

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
