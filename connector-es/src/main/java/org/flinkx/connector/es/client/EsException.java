package org.flinkx.connector.es.client;

import java.io.IOException;
import javax.annotation.Nullable;
import org.apache.flink.annotation.PublicEvolving;

/**
 * An error answer of Elasticsearch or OpenSearch: the HTTP status and the error's {@code type} and
 * {@code reason} (from the {@code error} object of the answer, when it has one).
 */
@PublicEvolving
public final class EsException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int status;
    @Nullable private final String type;

    public EsException(String message, int status, @Nullable String type) {
        super(message);
        this.status = status;
        this.type = type;
    }

    public int status() {
        return status;
    }

    /** The error's type ({@code index_not_found_exception}), or null. */
    @Nullable
    public String type() {
        return type;
    }
}
