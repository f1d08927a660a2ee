package org.flinkx.connector.es.sink;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.data.RowData;
import org.flinkx.connector.es.client.EsClient;
import org.flinkx.connector.es.convert.DocumentWriter;

/**
 * The NDJSON body of one {@code _bulk} request, reused from batch to batch: per row an action line
 * and, but for deletes, a source line. It remembers where each action starts, so the actions the
 * cluster refused for a while (429) can be sent again alone ({@link #slices}). The generator writes
 * into its own buffer, and the bytes reach {@link Bytes} when it fills or the body is read: the
 * position of an action is that of the bytes written plus those still in the generator's buffer.
 */
@Internal
final class BulkBody {

    /** The action of one row. */
    enum Action {
        /** A document with a generated id. */
        INDEX,
        /** {@code update} with {@code doc_as_upsert}: the document's fields set, created if new. */
        UPSERT,
        DELETE
    }

    private final Bytes bytes = new Bytes();
    private final DocumentWriter documents;
    private JsonGenerator json;
    private int[] starts = new int[1024];
    private int actions;

    BulkBody(DocumentWriter documents) throws IOException {
        this.documents = documents;
        this.json = generator();
    }

    private JsonGenerator generator() throws IOException {
        JsonGenerator generator =
                EsClient.JSON.getFactory().createGenerator(bytes, JsonEncoding.UTF8);
        generator.setRootValueSeparator(null);
        return generator;
    }

    void reset() throws IOException {
        json.flush();
        bytes.reset();
        actions = 0;
    }

    int actions() {
        return actions;
    }

    int size() {
        return position();
    }

    private int position() {
        return bytes.size() + json.getOutputBuffered();
    }

    /** Appends one row's action (and its document); {@code id} is null for {@link Action#INDEX}. */
    void add(Action action, String index, String id, RowData row) throws IOException {
        if (actions == starts.length) {
            starts = Arrays.copyOf(starts, actions * 2);
        }
        int start = position();
        starts[actions] = start;
        try {
            json.writeStartObject();
            json.writeObjectFieldStart(
                    switch (action) {
                        case INDEX -> "index";
                        case UPSERT -> "update";
                        case DELETE -> "delete";
                    });
            json.writeStringField("_index", index);
            if (id != null) {
                json.writeStringField("_id", id);
            }
            if (action == Action.UPSERT) {
                json.writeNumberField("retry_on_conflict", 3);
            }
            json.writeEndObject();
            json.writeEndObject();
            json.writeRaw('\n');
            if (action == Action.UPSERT) {
                json.writeStartObject();
                json.writeFieldName("doc");
                documents.write(row, json);
                json.writeBooleanField("doc_as_upsert", true);
                json.writeEndObject();
            } else if (action == Action.INDEX) {
                documents.write(row, json);
            }
            if (action != Action.DELETE) {
                json.writeRaw('\n');
            }
        } catch (IOException | RuntimeException e) {
            json.flush();
            bytes.truncate(start);
            json = generator(); // the failed one is inside an object
            throw e;
        }
        actions++;
    }

    /** The whole body. */
    byte[] toByteArray() throws IOException {
        json.flush();
        return bytes.toByteArray();
    }

    /** A body of the given actions only (their indexes, ascending). */
    byte[] slices(int[] selected, int count) throws IOException {
        json.flush();
        int length = 0;
        for (int i = 0; i < count; i++) {
            length += end(selected[i]) - starts[selected[i]];
        }
        byte[] body = new byte[length];
        int at = 0;
        for (int i = 0; i < count; i++) {
            int action = selected[i];
            int size = end(action) - starts[action];
            System.arraycopy(bytes.array(), starts[action], body, at, size);
            at += size;
        }
        return body;
    }

    private int end(int action) {
        return action + 1 < actions ? starts[action + 1] : position();
    }

    /** A byte buffer whose array can be read without a copy. */
    private static final class Bytes extends ByteArrayOutputStream {
        Bytes() {
            super(1 << 16);
        }

        byte[] array() {
            return buf;
        }

        void truncate(int size) {
            count = size;
        }
    }
}
