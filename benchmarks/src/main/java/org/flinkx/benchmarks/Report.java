package org.flinkx.benchmarks;

import java.util.List;
import java.util.Optional;

/** The markdown tables of a benchmark run. */
final class Report {

    private static final List<String> REFERENCES =
            List.of(
                    "flinkx-sync",
                    "official",
                    "official-ds",
                    "flinkx-unchunked",
                    "plain",
                    "plain-doc",
                    "plain-doc-nogzip",
                    "native",
                    "native-upsert",
                    "flinkx-fetch10k");

    private final Results results;
    private final long rows;
    private final long memoryRows;
    private final List<Integer> parallelisms;
    private final List<String> jobs;
    private final double bytesPerRow;

    Report(
            Results results,
            long rows,
            long memoryRows,
            List<Integer> parallelisms,
            List<String> jobs,
            double bytesPerRow) {
        this.results = results;
        this.rows = rows;
        this.memoryRows = memoryRows;
        this.parallelisms = parallelisms;
        this.jobs = jobs;
        this.bytesPerRow = bytesPerRow;
    }

    String markdown() {
        StringBuilder out = new StringBuilder();
        out.append(
                String.format(
                        "%,d rows of %.0f bytes each (as tab-separated text); MB/s = rows/s × that."
                                + " Every cell is the median of the runs; peak RSS is the highest VmHWM of the runs' JVMs.%n%n",
                        rows, bytesPerRow));
        for (int parallelism : parallelisms) {
            out.append("### Parallelism ").append(parallelism).append("\n\n");
            out.append(
                    "| job | FlinkX rows/s | FlinkX MB/s | FlinkX peak RSS | compared with | its rows/s"
                            + " | its peak RSS | FlinkX ÷ it |\n");
            out.append("|---|---:|---:|---:|---|---:|---:|---:|\n");
            for (String job : jobs) {
                // FlinkX against every reference; without a key (ES) against curl without ids
                for (String variant : List.of("flinkx", "flinkx-nokey")) {
                    Optional<Result> flinkx = results.median(job, variant, parallelism, rows);
                    if (flinkx.isEmpty()) {
                        continue;
                    }
                    double ours = flinkx.get().rowsPerSecond();
                    String left =
                            String.format(
                                    "| %s | %,.0f | %.1f | %s ",
                                    variant.equals("flinkx") ? job : job + " (no key)",
                                    ours,
                                    ours * bytesPerRow / 1e6,
                                    mb(results.maxPeakRssKb(job, variant, parallelism, rows)));
                    boolean any = false;
                    String from = referenceJob(job);
                    for (String impl :
                            variant.equals("flinkx") ? REFERENCES : List.of("native-nokey")) {
                        Optional<Result> theirs = results.median(from, impl, parallelism, rows);
                        if (theirs.isEmpty()) {
                            continue;
                        }
                        any = true;
                        out.append(left)
                                .append(
                                        String.format(
                                                "| %s | %,.0f | %s | **%.2f×** |%n",
                                                label(from, impl),
                                                theirs.get().rowsPerSecond(),
                                                mb(
                                                        results.maxPeakRssKb(
                                                                from, impl, parallelism, rows)),
                                                ours / theirs.get().rowsPerSecond()));
                    }
                    if (!any) {
                        out.append(left).append("| – | | | |\n");
                    }
                }
            }
            out.append('\n');
        }
        if (jobs.stream().anyMatch(BenchmarkMain.ES_JOBS::contains)) {
            out.append("The Elasticsearch / OpenSearch references:\n\n")
                    .append("- E1: ")
                    .append(NativeTools.describeEsBulk(EsBench.Actions.ID))
                    .append("\n- E2: ")
                    .append(NativeTools.describeEsBulk(EsBench.Actions.NO_ID))
                    .append("\n- E3: ")
                    .append(NativeTools.describeEsBulk(EsBench.Actions.UPSERT))
                    .append("\n- E4: ")
                    .append(PlainEs.describe(PlainEs.Sort.FLINKX, true))
                    .append("\n- E5: ")
                    .append(PlainEs.describe(PlainEs.Sort.DOC, true))
                    .append("\n- E6: ")
                    .append(PlainEs.describe(PlainEs.Sort.DOC, false))
                    .append("\n- FlinkX's tables: sink ")
                    .append(JobMain.ES_SINK_OPTIONS)
                    .append("; source ")
                    .append(JobMain.ES_SOURCE_OPTIONS)
                    .append("\n- the index: ")
                    .append(EsBench.describeIndex())
                    .append("\n\n");
        }
        if (memoryRows > 0) {
            out.append("### Memory: FlinkX at two table sizes (parallelism 1, -Xmx1g)\n\n");
            out.append(
                    String.format(
                            "| job | peak RSS, %,d rows | peak RSS, %,d rows | rows/s, %,d rows"
                                    + " | rows/s, %,d rows |%n",
                            rows, memoryRows, rows, memoryRows));
            out.append("|---|---:|---:|---:|---:|\n");
            for (String job : BenchmarkMain.MEMORY_JOBS) {
                Optional<Result> small = results.median(job, "flinkx", 1, rows);
                Optional<Result> big = results.median(job, "flinkx", 1, memoryRows);
                if (small.isEmpty() || big.isEmpty()) {
                    continue;
                }
                out.append(
                        String.format(
                                "| %s | %s | %s | %,.0f | %,.0f |%n",
                                job,
                                mb(results.maxPeakRssKb(job, "flinkx", 1, rows)),
                                mb(results.maxPeakRssKb(job, "flinkx", 1, memoryRows)),
                                small.get().rowsPerSecond(),
                                big.get().rowsPerSecond()));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** Where a job's references were measured: memory-es against datagen-es's curl runs. */
    private static String referenceJob(String job) {
        return job.equals("memory-es") ? "datagen-es" : job;
    }

    private static String mb(long kb) {
        return kb < 0 ? "–" : String.format("%,d MB", kb / 1024);
    }

    static String label(String job, String impl) {
        if (BenchmarkMain.ES_JOBS.contains(job)) {
            return switch (impl) {
                case "native" -> "curl `_bulk`: `index` actions with `_id` (E1)";
                case "native-nokey" -> "curl `_bulk`: `index` actions without `_id` (E2)";
                case "native-upsert" -> "curl `_bulk`: FlinkX's keyed `update` actions (E3)";
                case "plain" ->
                        "plain reader, the same searches in the same sort as flinkx-es (E4)";
                case "plain-doc" -> "plain reader, sorted on `_doc` (E5)";
                case "plain-doc-nogzip" -> "plain reader, sorted on `_doc`, uncompressed (E6)";
                case "flinkx-fetch10k" -> "FlinkX with `scan.fetch-size` = 10000";
                default -> impl;
            };
        }
        return switch (impl) {
            case "official" ->
                    job.contains("kafka")
                            ? "official Kafka connector 5.0.0-2.2 (SQL `kafka`, same options: "
                                    + (job.startsWith("kafka")
                                                    ? JobMain.KAFKA_SOURCE_OPTIONS
                                                    : JobMain.KAFKA_SINK_OPTIONS)
                                            .replace("'", "`")
                                    + ")"
                            : job.startsWith("pg")
                                    ? "official JDBC connector (SQL; scan.fetch-size 1024, scan.auto-commit false)"
                                    : "official JDBC connector (SQL; "
                                            + JobMain.OFFICIAL_SINK_OPTIONS.replace("'", "`")
                                            + ", URL with `reWriteBatchedInserts=true`)";
            case "official-ds" ->
                    job.startsWith("memory")
                            ? "official JDBC connector (DataStream `JdbcSink`: batches of 5000, 1 s;"
                                    + (job.endsWith("pg")
                                            ? " `reWriteBatchedInserts=true`)"
                                            : " Connector/J, `rewriteBatchedStatements=true`)")
                            : "official JDBC connector (DataStream source + sink)";
            case "flinkx-sync" ->
                    "FlinkX with the flush on the task thread (`-Dflinkx.sink.pipelined=false`, as before the sink core)";
            case "flinkx-unchunked" ->
                    "FlinkX with Debezium's snapshot (`scan.snapshot.chunked` = `false`)";
            case "plain" ->
                    job.startsWith("binlog")
                            ? "Debezium 3.5 embedded engine alone (no Flink)"
                            : job.contains("blackhole")
                                    ? "plain JDBC streaming SELECT"
                                    : job.startsWith("upsert")
                                            ? "plain JDBC, rewritten batches of 5000 (ON DUPLICATE KEY UPDATE)"
                                            : "plain JDBC, rewritten batches of 5000";
            case "native" -> NativeTools.describe(job);
            default -> impl;
        };
    }
}
