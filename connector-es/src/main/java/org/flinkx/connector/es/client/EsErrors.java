package org.flinkx.connector.es.client;

import java.io.IOException;
import org.apache.flink.annotation.Internal;
import org.flinkx.connector.common.retry.ErrorClassifier;

/**
 * Elasticsearch's and OpenSearch's errors: a lost or refused connection, a timeout, {@code 429 Too
 * Many Requests} (a full write or search queue) and the {@code 5xx} answers of a busy or restarting
 * cluster are transient; {@code 401} and {@code 403} (credentials, privileges) cure neither by a
 * retry nor by a restart; the rest (a bad request) are neither.
 */
@Internal
public final class EsErrors implements ErrorClassifier {

    private static final long serialVersionUID = 1L;

    public static final EsErrors INSTANCE = new EsErrors();

    @Override
    public boolean isTransient(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause()) {
            if (e instanceof EsException es) {
                return isTransientStatus(es.status());
            }
            if (e instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean isUnrecoverable(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause()) {
            if (e instanceof EsException es) {
                return es.status() == 401 || es.status() == 403;
            }
        }
        return false;
    }

    /** Whether an answer, or a bulk item, with this status may succeed when sent again. */
    public static boolean isTransientStatus(int status) {
        return status == 429 || status == 502 || status == 503 || status == 504 || status == 500;
    }
}
