package org.flinkx.connector.es.lookup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.functions.FunctionContext;
import org.apache.flink.table.functions.LookupFunction;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.flinkx.connector.common.error.UnrecoverableException;
import org.flinkx.connector.common.retry.RetryPolicy;
import org.flinkx.connector.es.client.EsClient;
import org.flinkx.connector.es.client.EsErrors;
import org.flinkx.connector.es.config.EsConnection;
import org.flinkx.connector.es.convert.HitConverter;
import org.flinkx.connector.es.sink.DocumentIds;

/**
 * Looks rows up in an index (or pattern): by document id when the join keys are the table's PRIMARY
 * KEY (an {@code ids} query, the id made as the sink makes it), else by {@code term} queries on the
 * key fields (which match exactly on {@code keyword}, numeric, boolean and {@code date} fields; a
 * {@code text} field is analysed and rarely matches a whole value). Flink's lookup cache ({@code
 * lookup.cache} = 'PARTIAL') goes in front. A failed search is retried {@code lookup.max-retries}
 * times when the error is transient.
 */
@Internal
public final class EsLookupFunction extends LookupFunction {

    private static final long serialVersionUID = 1L;

    /** At most this many documents per key (Elasticsearch's default {@code max_result_window}). */
    private static final int MAX_HITS = 10_000;

    private final EsConnection connection;
    private final String index;
    private final RowType fields;
    private final List<String> metadata;
    private final RowType keyType;
    private final List<String> keyFields;
    private final DocumentIds ids;
    private final int maxRetries;

    private transient HitConverter hits;
    private transient EsClient client;
    private transient RetryPolicy retries;

    /**
     * @param keyType the join keys' columns (their names are the fields looked up)
     * @param byId whether the keys are the PRIMARY KEY: then they make a document id
     */
    public EsLookupFunction(
            EsConnection connection,
            String index,
            RowType fields,
            List<String> metadata,
            RowType keyType,
            boolean byId,
            String keyDelimiter,
            int maxRetries) {
        this.connection = connection;
        this.index = index;
        this.fields = fields;
        this.metadata = List.copyOf(metadata);
        this.keyType = keyType;
        this.keyFields = keyType.getFieldNames();
        this.ids = byId ? DocumentIds.of(keyType, keyFields, keyDelimiter) : null;
        this.maxRetries = maxRetries;
    }

    @Override
    public void open(FunctionContext context) throws Exception {
        hits = new HitConverter(fields, metadata);
        client = new EsClient(connection);
        retries = new RetryPolicy(maxRetries, java.time.Duration.ofMillis(200));
    }

    @Override
    public Collection<RowData> lookup(RowData keyRow) throws IOException {
        ObjectNode search = EsClient.JSON.createObjectNode();
        search.put("size", MAX_HITS);
        ArrayNode includes = search.putArray("_source");
        hits.sourceFields().forEach(includes::add);
        ArrayNode filters = search.putObject("query").putObject("bool").putArray("filter");
        if (ids != null) {
            filters.addObject().putObject("ids").putArray("values").add(ids.of(keyRow));
        } else {
            for (int i = 0; i < keyFields.size(); i++) {
                if (keyRow.isNullAt(i)) {
                    return List.of(); // = NULL matches nothing
                }
                ObjectNode term = filters.addObject().putObject("term");
                putValue(term, keyFields.get(i), keyType.getTypeAt(i), keyRow, i);
            }
        }
        String path = "/" + index + "/_search";
        JsonNode answer;
        try {
            answer =
                    retries.run(
                            "Looking up " + keyFields + " in " + index,
                            EsErrors.INSTANCE,
                            () -> {},
                            () -> client.json("POST", path, search));
        } catch (Exception e) {
            if (EsErrors.INSTANCE.isUnrecoverable(e)) {
                throw new UnrecoverableException("Looking up in " + index + " failed", e);
            }
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
        List<RowData> rows = new ArrayList<>();
        for (JsonNode hit : answer.path("hits").path("hits")) {
            try {
                rows.add(hits.toRow(hit));
            } catch (IllegalArgumentException e) {
                throw new IOException(
                        "Document "
                                + hit.path("_index").asText()
                                + "/"
                                + hit.path("_id").asText()
                                + " does not fit the table: "
                                + e.getMessage(),
                        e);
            }
        }
        return rows;
    }

    private static void putValue(
            ObjectNode term, String field, LogicalType type, RowData row, int pos) {
        switch (type.getTypeRoot()) {
            case CHAR, VARCHAR -> term.put(field, row.getString(pos).toString());
            case BOOLEAN -> term.put(field, row.getBoolean(pos));
            case TINYINT -> term.put(field, row.getByte(pos));
            case SMALLINT -> term.put(field, row.getShort(pos));
            case INTEGER -> term.put(field, row.getInt(pos));
            case BIGINT -> term.put(field, row.getLong(pos));
            case FLOAT -> term.put(field, row.getFloat(pos));
            case DOUBLE -> term.put(field, row.getDouble(pos));
            case DECIMAL -> {
                org.apache.flink.table.types.logical.DecimalType decimal =
                        (org.apache.flink.table.types.logical.DecimalType) type;
                term.put(
                        field,
                        row.getDecimal(pos, decimal.getPrecision(), decimal.getScale())
                                .toBigDecimal());
            }
            case DATE ->
                    term.put(field, java.time.LocalDate.ofEpochDay(row.getInt(pos)).toString());
            case TIMESTAMP_WITHOUT_TIME_ZONE -> {
                TimestampData ts = row.getTimestamp(pos, 9);
                term.put(field, ts.toLocalDateTime().toString());
            }
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE ->
                    term.put(field, row.getTimestamp(pos, 9).toInstant().toString());
            default ->
                    throw new IllegalArgumentException(
                            "Cannot look up by a "
                                    + type.asSummaryString()
                                    + " column ('"
                                    + field
                                    + "')");
        }
    }

    @Override
    public void close() throws IOException {
        if (client != null) {
            client.close();
        }
    }
}
