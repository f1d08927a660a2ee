package org.flinkx.connector.es.testframe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.flinkx.connector.es.testutils.EsTestServer;
import org.flinkx.connector.jdbc.testframe.TestRow;

/**
 * The test table's rows ({@link TestRow}) as documents of an index of the test node, written and
 * read with plain REST calls (not with the connector under test): {@code id} a {@code long}, {@code
 * name} a {@code keyword}, {@code amount} a {@code scaled_float} of scale 2, {@code created} a
 * {@code date} written as {@code 2024-05-01T10:00:00.123}; a NULL is a JSON {@code null}.
 */
final class TestRowDocuments {

    static final String MAPPING =
            "{\"id\":{\"type\":\"long\"},\"name\":{\"type\":\"keyword\"},"
                    + "\"amount\":{\"type\":\"scaled_float\",\"scaling_factor\":100},"
                    + "\"created\":{\"type\":\"date\"}}";

    static final ObjectMapper JSON = new ObjectMapper();

    private static final AtomicInteger COUNTER = new AtomicInteger();

    /** Distinguishes this JVM's indices from those of another run on the same node. */
    private static final String RUN = Long.toString(System.nanoTime() % 46_656, 36);

    private TestRowDocuments() {}

    /** A lower-case index name no other index of this JVM has. */
    static String uniqueIndex(String prefix) {
        return prefix + "_" + RUN + "_" + COUNTER.incrementAndGet();
    }

    /** The node shared by this JVM's tests. */
    static EsTestServer sharedServer() {
        try {
            return EsTestServer.shared();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The document's {@code _source} of a row. */
    static ObjectNode document(TestRow row) {
        ObjectNode source = JSON.createObjectNode();
        source.put("id", row.id());
        source.put("name", row.name());
        source.put("amount", row.amount());
        source.put(
                "created",
                row.created() == null
                        ? null
                        : DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(row.created()));
        return source;
    }

    /** The row of a document's {@code _source}. */
    static TestRow row(JsonNode source) {
        JsonNode name = source.path("name");
        JsonNode amount = source.path("amount");
        JsonNode created = source.path("created");
        return new TestRow(
                source.path("id").asLong(),
                name.isTextual() ? name.asText() : null,
                amount.isNumber() || amount.isTextual() ? scale2(amount) : null,
                created.isTextual() ? LocalDateTime.parse(created.asText()) : null);
    }

    /**
     * The amount with scale 2, as the test rows have it (a JSON number may come back as {@code
     * 12.5}); a value with more digits stays as it is, so that a wrong value shows as a mismatch.
     */
    private static BigDecimal scale2(JsonNode amount) {
        BigDecimal value =
                amount.isNumber() ? amount.decimalValue() : new BigDecimal(amount.asText());
        try {
            return value.setScale(2, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            return value;
        }
    }

    /** Every document of the index (after a refresh) as rows, in no particular order. */
    static List<TestRow> readAll(EsTestServer server, String index) throws IOException {
        List<TestRow> rows = new ArrayList<>();
        for (JsonNode source : server.documents(index).values()) {
            rows.add(row(source));
        }
        return rows;
    }
}
