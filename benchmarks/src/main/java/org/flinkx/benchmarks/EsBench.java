package org.flinkx.benchmarks;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.flinkx.connector.es.testutils.EsTestServer;

/**
 * The Elasticsearch / OpenSearch side of the ES jobs: the benchmark table's index (its mapping and
 * settings, the same for every variant) and the {@code _bulk} bodies curl sends, cut from the
 * documents FlinkX wrote into the source index.
 */
final class EsBench {

    /** FlinkX's {@code sink.bulk-flush.max-actions} default: the actions of one curl body too. */
    static final int BULK_ACTIONS = 1000;

    /** The query string of FlinkX's bulk requests (only the items' status and errors answered). */
    static final String BULK_QUERY = "filter_path=errors,items.*.status,items.*.error";

    static final int SHARDS = 2;

    /**
     * The node's settings besides EsTestServer's: its 512 MB heap (serial GC) counts garbage as
     * used, and the real-memory parent circuit breaker refused bulk requests with 429 at 95 % of
     * it; the breaker then counts what requests reserve, as before Elasticsearch 7.0.
     */
    static final List<String> NODE_SETTINGS =
            List.of("indices.breaker.total.use_real_memory=false");

    /** One field per column of the benchmark table, as one would map them. */
    static final String MAPPING =
            "{\"id\":{\"type\":\"long\"},\"c_int\":{\"type\":\"integer\"},"
                    + "\"c_bigint\":{\"type\":\"long\"},\"c_double\":{\"type\":\"double\"},"
                    + "\"c_decimal\":{\"type\":\"scaled_float\",\"scaling_factor\":10000},"
                    + "\"c_short\":{\"type\":\"keyword\"},\"c_long\":{\"type\":\"keyword\"},"
                    + "\"c_text\":{\"type\":\"text\"},\"c_bool\":{\"type\":\"boolean\"},"
                    + "\"c_date\":{\"type\":\"date\"},\"c_ts\":{\"type\":\"date\"},"
                    + "\"c_nint\":{\"type\":\"integer\"}}";

    static final String SETTINGS =
            "{\"number_of_shards\":"
                    + SHARDS
                    + ",\"number_of_replicas\":0,\"refresh_interval\":\"-1\"}";

    /** The chunk sets: index actions with ids, without, and FlinkX's keyed upserts. */
    enum Actions {
        ID("id"),
        NO_ID("noid"),
        UPSERT("upsert");

        final String dir;

        Actions(String dir) {
            this.dir = dir;
        }
    }

    private EsBench() {}

    static String describeIndex() {
        return SHARDS
                + " shards, 0 replicas, refresh_interval -1 while loading (a refresh before"
                + " counting); fields: id long, c_int integer, c_bigint long, c_double double,"
                + " c_decimal scaled_float (10000), c_short keyword, c_long keyword, c_text text,"
                + " c_bool boolean, c_date date, c_ts date, c_nint integer";
    }

    /** Deletes the index if it is there and creates it empty with the benchmark's mapping. */
    static void recreate(EsTestServer es, String index) throws IOException {
        es.deleteIndex(index);
        es.call(
                "PUT",
                "/" + index,
                "{\"settings\":" + SETTINGS + ",\"mappings\":{\"properties\":" + MAPPING + "}}");
    }

    /**
     * Writes the documents of {@code source} (as FlinkX's sink wrote them: their {@code _source}
     * bytes as the node answers them) as {@code _bulk} bodies of {@link #BULK_ACTIONS} actions into
     * {@code target}, one file each, in one directory per {@link Actions} under {@code dir}; a
     * document's id is its {@code id} field, as FlinkX's keyed sink makes it.
     */
    static void writeBulkFiles(EsTestServer es, String source, String target, Path dir)
            throws Exception {
        for (Actions actions : Actions.values()) {
            Path sub = dir.resolve(actions.dir);
            if (Files.isDirectory(sub)) {
                try (Stream<Path> old = Files.list(sub)) {
                    for (Path file : old.toList()) {
                        Files.delete(file);
                    }
                }
            }
            Files.createDirectories(sub);
        }
        byte[] indexId = ("{\"index\":{\"_index\":\"" + target + "\",\"_id\":\"").getBytes();
        byte[] indexNoId = ("{\"index\":{\"_index\":\"" + target + "\"}}\n").getBytes();
        byte[] update = ("{\"update\":{\"_index\":\"" + target + "\",\"_id\":\"").getBytes();
        byte[] idEnd = "\"}}\n".getBytes();
        byte[] updateEnd = "\",\"retry_on_conflict\":3}}\n{\"doc\":".getBytes();
        byte[] upsertEnd = ",\"doc_as_upsert\":true}\n".getBytes();
        OutputStream[] out = new OutputStream[3];
        long[] written = {0};
        PlainEs.Dump dump =
                (answer, id, from, to) -> {
                    if (written[0] % BULK_ACTIONS == 0) {
                        int chunk = (int) (written[0] / BULK_ACTIONS);
                        for (Actions actions : Actions.values()) {
                            if (out[actions.ordinal()] != null) {
                                out[actions.ordinal()].close();
                            }
                            out[actions.ordinal()] =
                                    new BufferedOutputStream(
                                            Files.newOutputStream(
                                                    dir.resolve(actions.dir)
                                                            .resolve(chunkName(chunk))),
                                            1 << 16);
                        }
                    }
                    byte[] idBytes = Long.toString(id).getBytes(StandardCharsets.UTF_8);
                    OutputStream a = out[Actions.ID.ordinal()];
                    a.write(indexId);
                    a.write(idBytes);
                    a.write(idEnd);
                    a.write(answer, from, to - from);
                    a.write('\n');
                    OutputStream b = out[Actions.NO_ID.ordinal()];
                    b.write(indexNoId);
                    b.write(answer, from, to - from);
                    b.write('\n');
                    OutputStream c = out[Actions.UPSERT.ordinal()];
                    c.write(update);
                    c.write(idBytes);
                    c.write(updateEnd);
                    c.write(answer, from, to - from);
                    c.write(upsertEnd);
                    written[0]++;
                };
        try {
            new PlainEs(es.url(), source, 1, PlainEs.Sort.DOC).dump(dump);
        } finally {
            for (OutputStream o : out) {
                if (o != null) {
                    o.close();
                }
            }
        }
    }

    /**
     * CPU time in milliseconds (user + system) of the process whose command line holds {@code
     * marker} and, as an argument of its own, {@code port} (the node EsTestServer started), or of
     * this process's waited-for children ({@code marker} null); -1 where /proc cannot tell.
     */
    static long cpuMillis(String marker, int port) {
        try {
            if (marker == null) {
                return ticks(Path.of("/proc/self/stat"), 16) * 10; // cutime + cstime
            }
            try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
                for (Path process : processes.toList()) {
                    if (!process.getFileName().toString().chars().allMatch(Character::isDigit)) {
                        continue;
                    }
                    String command;
                    try {
                        command = Files.readString(process.resolve("cmdline")).replace('\0', ' ');
                    } catch (IOException e) {
                        continue; // ended meanwhile
                    }
                    if (command.contains(marker) && command.contains(" " + port + " ")) {
                        return ticks(process.resolve("stat"), 14) * 10; // utime + stime
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }

    /** Fields {@code field} and {@code field + 1} (1-based, proc(5)) of a stat file, in ticks. */
    private static long ticks(Path stat, int field) throws IOException {
        String text = Files.readString(stat);
        String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" "); // from field 3
        return Long.parseLong(fields[field - 3]) + Long.parseLong(fields[field - 2]);
    }

    private static String chunkName(int chunk) {
        return String.format("chunk-%05d.ndjson", chunk);
    }

    /** The chunk files of one set, in order. */
    static List<Path> chunks(Path dir, Actions actions) throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve(actions.dir))) {
            return new ArrayList<>(files.sorted().toList());
        }
    }
}
