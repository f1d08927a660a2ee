package org.flinkx.connector.jdbc.catalog;

import java.io.Serializable;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.api.ValidationException;
import org.flinkx.connector.common.security.Secrets;

/**
 * A catalog's JDBC URL cut into the server ({@code jdbc:mariadb://host:3306}), the database it
 * names if any, and the driver parameters ({@code ?a=b}), so that the URL of every other database
 * of the server can be made from it.
 */
@Internal
public final class DatabaseUrl implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String server;
    @Nullable private final String database;
    private final String parameters;

    private DatabaseUrl(String server, @Nullable String database, String parameters) {
        this.server = server;
        this.database = database;
        this.parameters = parameters;
    }

    /** Reads {@code jdbc:<driver>://<hosts>[/<database>][?<parameters>]}. */
    public static DatabaseUrl parse(String url) {
        int scheme = url.indexOf("://");
        if (!url.startsWith("jdbc:") || scheme < 0) {
            throw new ValidationException(
                    "'url' = '"
                            + Secrets.maskUrl(url)
                            + "' is not a URL of the form jdbc:<driver>://<host>:<port>[/<database>]");
        }
        int query = url.indexOf('?', scheme + 3);
        String parameters = query < 0 ? "" : url.substring(query);
        String path = query < 0 ? url : url.substring(0, query);
        int slash = path.indexOf('/', scheme + 3);
        if (slash < 0) {
            return new DatabaseUrl(path, null, parameters);
        }
        String database = path.substring(slash + 1);
        return new DatabaseUrl(
                path.substring(0, slash), database.isEmpty() ? null : database, parameters);
    }

    /** The database the URL names, or null. */
    @Nullable
    public String database() {
        return database;
    }

    /** The URL of another database of the same server, with the same parameters. */
    public String of(@Nullable String otherDatabase) {
        return server + "/" + (otherDatabase == null ? "" : otherDatabase) + parameters;
    }

    /** The server part, {@code jdbc:<driver>://<hosts>}: for messages (it holds no secrets). */
    public String server() {
        return server;
    }
}
