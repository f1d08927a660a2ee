package org.flinkx.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * The plain reader of an index (no Flink): the searches {@code flinkx-es}'s source makes, each
 * slice on a thread of its own, every hit's {@code _source} parsed into Java values with Jackson's
 * streaming parser (longs, ints, doubles, exact {@code BigDecimal}s, strings, booleans, {@code
 * LocalDate}, {@code LocalDateTime}), as a consumer of the documents would. Sliced scrolls on a
 * server without point in time (Elasticsearch 7.10 without X-Pack, as here), slices of one point in
 * time with {@code search_after} on OpenSearch 2.4+; pages of {@value #FETCH_SIZE} hits (FlinkX's
 * {@code scan.fetch-size} default), keep-alive {@value #KEEP_ALIVE}, the columns as {@code _source}
 * includes. HTTP through httpclient5 (classic, pooled), the client FlinkX uses.
 */
final class PlainEs {

    static final int FETCH_SIZE = 1000;
    static final String KEEP_ALIVE = "5m";

    /** The columns, read as {@code _source} includes. */
    static final List<String> FIELDS =
            List.of(
                    "id",
                    "c_int",
                    "c_bigint",
                    "c_double",
                    "c_decimal",
                    "c_short",
                    "c_long",
                    "c_text",
                    "c_bool",
                    "c_date",
                    "c_ts",
                    "c_nint");

    /** The order of a slice's hits. */
    enum Sort {
        /**
         * What flinkx-es sorts on: {@code _index}, {@code _id} for scrolls; in a point in time over
         * one index (OpenSearch) {@code _doc}, with at least a slice per shard.
         */
        FLINKX,
        /** {@code _doc}: index order, the cheapest scroll (not with a point in time). */
        DOC
    }

    /**
     * Receives every hit of a dump: its {@code id} field and where its {@code _source} lies in the
     * answer.
     */
    @FunctionalInterface
    interface Dump {
        void hit(byte[] answer, long id, int sourceFrom, int sourceTo) throws IOException;
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = JSON.getFactory();

    private final String url;
    private final String index;
    private final int slices;
    private final Sort sort;
    private final boolean gzip;

    PlainEs(String url, String index, int slices, Sort sort) {
        this(url, index, slices, sort, true);
    }

    /** {@code gzip}: answers compressed, as httpclient5 asks by default (and flinkx-es with it). */
    PlainEs(String url, String index, int slices, Sort sort, boolean gzip) {
        this.url = url;
        this.index = index;
        this.slices = slices;
        this.sort = sort;
        this.gzip = gzip;
    }

    static String describe(Sort sort, boolean gzip) {
        return "plain reader (httpclient5 + Jackson streaming parser, no Flink): the same "
                + "sliced scroll as flinkx-es, "
                + FETCH_SIZE
                + " hits a page, one thread per slice, slices = parallelism, the 12 columns as "
                + "_source includes, each value parsed into its Java type; sorted on "
                + (sort == Sort.FLINKX
                        ? "`_index`, `_id` as flinkx-es (OpenSearch: a point in time +"
                                + " search_after, slices = max(parallelism, shards), sorted on"
                                + " `_doc` as flinkx-es)"
                        : "`_doc` (index order)")
                + (gzip
                        ? "; answers gzip-compressed (httpclient5's default `Accept-Encoding`,"
                                + " which flinkx-es's client sends too)"
                        : "; answers uncompressed (`disableContentCompression()`)");
    }

    /** Reads every document of every slice; returns how many. */
    long read() throws Exception {
        try (CloseableHttpClient http = client(slices)) {
            boolean pit = hasPointInTime(http);
            if (pit && sort == Sort.DOC) {
                throw new IllegalArgumentException("A point in time is read sorted as flinkx-es");
            }
            String pitId = pit ? openPit(http) : null;
            // as flinkx-es: in a point in time at least a slice per shard, each sorted on _doc
            int slices = pit ? Math.max(this.slices, EsBench.SHARDS) : this.slices;
            ExecutorService threads = Executors.newFixedThreadPool(slices);
            try {
                List<Future<long[]>> results = new ArrayList<>();
                for (int slice = 0; slice < slices; slice++) {
                    int s = slice;
                    results.add(
                            threads.submit(
                                    () -> {
                                        long[] sums = new long[2];
                                        readSlice(
                                                http,
                                                s,
                                                slices,
                                                pitId,
                                                true,
                                                page -> values(page, sums));
                                        return sums;
                                    }));
                }
                long count = 0;
                long checksum = 0;
                for (Future<long[]> result : results) {
                    long[] sums = result.get();
                    count += sums[0];
                    checksum += sums[1];
                }
                if (checksum == 42) {
                    System.out.println(); // keeps the values from being optimised away
                }
                return count;
            } finally {
                threads.shutdownNow();
                if (pitId != null) {
                    send(
                            http,
                            "DELETE",
                            "/_search/point_in_time",
                            "{\"pit_id\":[\"" + pitId + "\"]}");
                }
            }
        }
    }

    /**
     * Hands the raw {@code _source} of every document to {@code dump} (one scroll, no includes).
     */
    void dump(Dump dump) throws Exception {
        try (CloseableHttpClient http = client(1)) {
            readSlice(http, 0, 1, null, false, page -> raw(page, dump));
        }
    }

    private interface PageReader {
        /** Reads one answer's hits; returns their count, the scroll / PIT id and last sort. */
        Page read(byte[] answer) throws IOException;
    }

    private record Page(int hits, String scrollId, String pitId, JsonNode lastSort) {}

    private void readSlice(
            CloseableHttpClient http,
            int slice,
            int slices,
            String pitId,
            boolean includes,
            PageReader reader)
            throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("size", FETCH_SIZE);
        if (slices > 1) {
            body.putObject("slice").put("id", slice).put("max", slices);
        }
        if (sort == Sort.FLINKX && pitId == null) {
            body.putArray("sort").add(JSON.createObjectNode().put("_index", "asc"));
            body.withArray("sort").add(JSON.createObjectNode().put("_id", "asc"));
        } else {
            body.putArray("sort").add("_doc");
        }
        if (includes) {
            FIELDS.forEach(body.putArray("_source")::add);
        }
        body.putObject("query").putObject("match_all");
        if (pitId != null) {
            String pit = pitId;
            JsonNode after = null;
            while (true) {
                ObjectNode request = body.deepCopy();
                request.putObject("pit").put("id", pit).put("keep_alive", KEEP_ALIVE);
                request.put("track_total_hits", false);
                if (after != null) {
                    request.set("search_after", after);
                }
                Page page = reader.read(send(http, "POST", "/_search", request.toString()));
                if (page.hits() == 0) {
                    return;
                }
                if (page.pitId() != null) {
                    pit = page.pitId();
                }
                after = page.lastSort();
            }
        }
        Page page =
                reader.read(
                        send(
                                http,
                                "POST",
                                "/" + index + "/_search?scroll=" + KEEP_ALIVE,
                                body.toString()));
        String scrollId = page.scrollId();
        try {
            while (page.hits() > 0) {
                ObjectNode next = JSON.createObjectNode();
                next.put("scroll", KEEP_ALIVE).put("scroll_id", scrollId);
                page = reader.read(send(http, "POST", "/_search/scroll", next.toString()));
                if (page.scrollId() != null) {
                    scrollId = page.scrollId();
                }
            }
        } finally {
            send(http, "DELETE", "/_search/scroll", "{\"scroll_id\":[\"" + scrollId + "\"]}");
        }
    }

    /** Parses every hit's values; {@code sums} = {count, checksum}. */
    private Page values(byte[] answer, long[] sums) throws IOException {
        return walk(
                answer,
                p -> {
                    long sum = 0;
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String name = p.currentName();
                        JsonToken token = p.nextToken();
                        if (token == JsonToken.VALUE_NULL) {
                            continue;
                        }
                        switch (name) {
                            case "id", "c_bigint" -> sum += p.getLongValue();
                            case "c_int", "c_nint" -> sum += p.getIntValue();
                            case "c_double" -> sum += (long) p.getDoubleValue();
                            case "c_decimal" -> {
                                BigDecimal decimal = p.getDecimalValue();
                                sum += decimal.scale();
                            }
                            case "c_short", "c_long", "c_text" -> sum += p.getText().length();
                            case "c_bool" -> sum += p.getBooleanValue() ? 1 : 0;
                            case "c_date" -> sum += LocalDate.parse(p.getText()).getDayOfMonth();
                            case "c_ts" -> sum += LocalDateTime.parse(p.getText()).getNano();
                            default -> p.skipChildren();
                        }
                    }
                    sums[0]++;
                    sums[1] += sum;
                });
    }

    /** Hands each hit's raw {@code _source} bytes and its {@code id} field to the dump. */
    private Page raw(byte[] answer, Dump dump) throws IOException {
        return walk(
                answer,
                p -> {
                    int from = (int) p.currentTokenLocation().getByteOffset();
                    Long id = null;
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String name = p.currentName();
                        p.nextToken();
                        if (name.equals("id")) {
                            id = p.getLongValue();
                        } else {
                            p.skipChildren();
                        }
                    }
                    int to = (int) p.currentLocation().getByteOffset();
                    if (id == null) {
                        throw new IOException("A document without an id field");
                    }
                    dump.hit(answer, id, from, to);
                });
    }

    private interface SourceReader {
        /** Reads the {@code _source} object the parser is at (its START_OBJECT). */
        void source(JsonParser p) throws IOException;
    }

    /**
     * Walks a search answer: {@code _scroll_id}, {@code pit_id}, {@code _shards} (a failed shard
     * fails the read) and each hit of {@code hits.hits}, handing its {@code _source} to {@code
     * source}.
     */
    private static Page walk(byte[] answer, SourceReader source) throws IOException {
        int hits = 0;
        String scrollId = null;
        String pitId = null;
        JsonNode lastSort = null;
        try (JsonParser p = FACTORY.createParser(answer)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                switch (name) {
                    case "_scroll_id" -> scrollId = p.getText();
                    case "pit_id" -> pitId = p.getText();
                    case "_shards" -> {
                        JsonNode shards = JSON.readTree(p);
                        if (shards.path("failed").asInt() > 0) {
                            throw new IOException("Shards failed: " + shards);
                        }
                    }
                    case "hits" -> {
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String field = p.currentName();
                            if (p.nextToken() != JsonToken.START_ARRAY || !field.equals("hits")) {
                                p.skipChildren();
                                continue;
                            }
                            while (p.nextToken() == JsonToken.START_OBJECT) {
                                while (p.nextToken() == JsonToken.FIELD_NAME) {
                                    String key = p.currentName();
                                    p.nextToken();
                                    switch (key) {
                                        case "_source" -> source.source(p);
                                        case "sort" -> lastSort = JSON.readTree(p);
                                        default -> p.skipChildren();
                                    }
                                }
                                hits++;
                            }
                        }
                    }
                    default -> p.skipChildren();
                }
            }
        }
        return new Page(hits, scrollId, pitId, lastSort);
    }

    private boolean hasPointInTime(CloseableHttpClient http) throws IOException {
        JsonNode version = JSON.readTree(send(http, "GET", "/", null)).path("version");
        if (!"opensearch".equals(version.path("distribution").asText())) {
            return false; // Elasticsearch 7.10 here: an embedded node without X-Pack
        }
        String[] number = version.path("number").asText().split("\\.");
        int major = Integer.parseInt(number[0]);
        return major > 2 || (major == 2 && Integer.parseInt(number[1]) >= 4);
    }

    private String openPit(CloseableHttpClient http) throws IOException {
        return JSON.readTree(
                        send(
                                http,
                                "POST",
                                "/" + index + "/_search/point_in_time?keep_alive=" + KEEP_ALIVE,
                                null))
                .path("pit_id")
                .asText();
    }

    private CloseableHttpClient client(int connections) {
        HttpClientBuilder builder =
                HttpClients.custom()
                        .setConnectionManager(
                                PoolingHttpClientConnectionManagerBuilder.create()
                                        .setMaxConnTotal(connections)
                                        .setMaxConnPerRoute(connections)
                                        .build())
                        .disableAutomaticRetries();
        if (!gzip) {
            builder.disableContentCompression(); // no Accept-Encoding: answers uncompressed
        }
        return builder.build();
    }

    private byte[] send(CloseableHttpClient http, String method, String path, String json)
            throws IOException {
        HttpUriRequestBase request =
                new HttpUriRequestBase(method, java.net.URI.create(url + path));
        if (json != null) {
            request.setEntity(
                    new ByteArrayEntity(
                            json.getBytes(StandardCharsets.UTF_8), ContentType.APPLICATION_JSON));
        }
        return http.execute(
                request,
                response -> {
                    byte[] body =
                            response.getEntity() == null
                                    ? new byte[0]
                                    : EntityUtils.toByteArray(response.getEntity());
                    if (response.getCode() >= 400) {
                        throw new IOException(
                                method
                                        + " "
                                        + path
                                        + " answered "
                                        + response.getCode()
                                        + ": "
                                        + new String(body, StandardCharsets.UTF_8));
                    }
                    return body;
                });
    }
}
