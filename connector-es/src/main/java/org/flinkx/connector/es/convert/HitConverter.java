package org.flinkx.connector.es.convert;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.StringData;
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
        GenericRowData row = reader.read(hit.path("_source"), metadata.length);
        for (int i = 0; i < metadata.length; i++) {
            JsonNode value = hit.get(metadata[i]);
            if (value == null || value.isNull()) {
                continue;
            }
            row.setField(
                    fields + i,
                    metadata[i].equals(SCORE)
                            ? (Object) value.asDouble()
                            : StringData.fromString(value.asText()));
        }
        return row;
    }

    /** The {@code _source} includes of a search: the fields' names. */
    public List<String> sourceFields() {
        return reader.fieldNames();
    }
}
