package org.flinkx.benchmarks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The runs of every (job, implementation, parallelism, rows), and their medians. */
final class Results {

    private final Map<String, List<Result>> runs = new HashMap<>();

    void add(String job, String impl, int parallelism, long rows, Result result) {
        runs.computeIfAbsent(key(job, impl, parallelism, rows), k -> new ArrayList<>()).add(result);
    }

    /** The run with the median duration (the lower middle one for an even count). */
    Optional<Result> median(String job, String impl, int parallelism, long rows) {
        List<Result> list = runs.get(key(job, impl, parallelism, rows));
        if (list == null || list.isEmpty()) {
            return Optional.empty();
        }
        List<Result> sorted = new ArrayList<>(list);
        sorted.sort(Comparator.comparingLong(Result::millis));
        return Optional.of(sorted.get((sorted.size() - 1) / 2));
    }

    /** The highest peak RSS over the runs, or -1. */
    long maxPeakRssKb(String job, String impl, int parallelism, long rows) {
        List<Result> list = runs.get(key(job, impl, parallelism, rows));
        return list == null ? -1 : list.stream().mapToLong(Result::peakRssKb).max().orElse(-1);
    }

    private static String key(String job, String impl, int parallelism, long rows) {
        return job + "|" + impl + "|" + parallelism + "|" + rows;
    }
}
