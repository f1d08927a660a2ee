package org.flinkx.connector.starrocks.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import org.apache.flink.annotation.Internal;

/**
 * What a Stream Load or transaction call answered: its JSON body, whose {@code Status} decides (the
 * HTTP code is 200 whatever happened).
 *
 * @param node the node that answered, {@code host:port}
 */
@Internal
public record LoadAnswer(String node, JsonNode body) {

    /** {@code Status} of a load ({@code Success}) or a transaction call ({@code OK}). */
    public String status() {
        return text("Status");
    }

    public String message() {
        return text("Message");
    }

    /** Where the server lists the rows it filtered, or null. */
    public String errorUrl() {
        String url = text("ErrorURL");
        return url == null || url.isBlank() ? null : url;
    }

    public long filteredRows() {
        return number("NumberFilteredRows");
    }

    public long loadedRows() {
        return number("NumberLoadedRows");
    }

    public long totalRows() {
        return number("NumberTotalRows");
    }

    /** {@code ExistingJobStatus} of a {@code Label Already Exists} answer. */
    public String existingJobStatus() {
        return text("ExistingJobStatus");
    }

    public boolean is(String status) {
        String s = status();
        return s != null && s.toUpperCase(Locale.ROOT).equals(status.toUpperCase(Locale.ROOT));
    }

    public boolean labelAlreadyExists() {
        return is("Label Already Exists") || is("LABEL_ALREADY_EXISTS");
    }

    public boolean txnInProcessing() {
        return is("TXN_IN_PROCESSING");
    }

    /** The answer in one line, for messages. */
    public String describe() {
        String message = message();
        return "Status '"
                + status()
                + "'"
                + (message == null || message.isBlank() ? "" : ", Message '" + message + "'")
                + (errorUrl() == null ? "" : ", ErrorURL " + errorUrl());
    }

    private String text(String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private long number(String field) {
        JsonNode value = body.get(field);
        return value == null ? 0 : value.asLong();
    }
}
