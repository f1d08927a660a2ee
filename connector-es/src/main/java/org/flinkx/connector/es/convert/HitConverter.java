package org.flinkx.connector.es.convert;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.types.logical.RowType;

/**
 * A search hit as a row: its {@code _source} fields ({@link DocumentReader}), then the metadata
 * columns asked for: {@code _id}, {@code _index} (STRING) and {@code _score} (DOUBLE, null when the
 * search sorts).
 */
@Internal
public final class HitConverter {

    public static final String ID = "_id";
    public static final String INDEX = "_index";
    public static final String SCORE = "_score";
    public static final List<String> METADATA = List.of(ID, INDEX, SCORE);

    private final DocumentReader reader;
    private final int fields;
    private final String[] metadata;

    public HitConverter(RowType sourceFields, List<String> metadata) {
        this.reader = new DocumentReader(sourceFields);
        this.fields = sourceFields.getFieldCount();
        this.metadata = metadata.toArray(new String[0]);
        for (String key : this.metadata) {
            if (!METADATA.contains(key)) {
                throw new IllegalArgumentException(
                        "Unknown metadata key '" + key + "'; the keys are " + METADATA);
            }
        }
    }

    /**
     * The row of a hit.
     *
     * @throws IllegalArgumentException when a field's value does not fit its column
     */
    public GenericRowData toRow(JsonNode hit) {
        return withMetadata(reader.read(hit.path("_source"), metadata.length), hit);
    }

    /**
     * The row of a hit whose {@code _source} was read apart ({@link #readSource}).
     *
     * @param hit the hit's other fields
     * @param source the values {@link #readSource} read, or null for a hit without {@code _source}
     * @throws IllegalArgumentException when a field's value does not fit its column
     */
    public GenericRowData toRow(JsonNode hit, @Nullable JsonNode[] source) {
        JsonNode[] values = source == null ? new JsonNode[fields] : source;
        return withMetadata(reader.read(values, metadata.length), hit);
    }

    private GenericRowData withMetadata(GenericRowData row, JsonNode hit) {
        for (int i = 0; i < metadata.length; i++) {
            JsonNode value = hit.get(metadata[i]);
            if (value == null || value.isNull()) {
                continue;
            }
            row.setField(
                    fields + i,
                    metadata[i].equals(SCORE)
                            ? (Object) value.asDouble()
                            : DocumentReader.string(value.asText()));
        }
        return row;
    }

    /**
     * Reads a hit's {@code _source}, the parser at its first token, up to its last: the values of
     * the columns, for {@link #toRow(JsonNode, JsonNode[])}.
     */
    public JsonNode[] readSource(JsonParser p) throws IOException {
        return reader.values(p);
    }

    /** The {@code _source} includes of a search: the fields' names. */
    public List<String> sourceFields() {
        return reader.fieldNames();
    }
}
