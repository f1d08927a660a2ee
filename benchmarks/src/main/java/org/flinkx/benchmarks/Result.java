package org.flinkx.benchmarks;

/**
 * One measured run: how long the job took, how many rows it moved, its JVM's peak RSS (-1: n/a).
 */
record Result(long millis, long rows, long peakRssKb) {

    static Result parse(String line) {
        long millis = 0;
        long rows = 0;
        long rss = -1;
        for (String part : line.substring("BENCH-RESULT".length()).trim().split(" ")) {
            String[] kv = part.split("=");
            switch (kv[0]) {
                case "millis" -> millis = Long.parseLong(kv[1]);
                case "rows" -> rows = Long.parseLong(kv[1]);
                case "peakRssKb" -> rss = Long.parseLong(kv[1]);
                default -> {}
            }
        }
        return new Result(millis, rows, rss);
    }

    double rowsPerSecond() {
        return rows * 1000.0 / Math.max(1, millis);
    }

    String describe() {
        return String.format(
                "%,8d ms %,10.0f rows/s%s",
                millis,
                rowsPerSecond(),
                peakRssKb < 0 ? "" : String.format(" peak RSS %,d MB", peakRssKb / 1024));
    }
}
