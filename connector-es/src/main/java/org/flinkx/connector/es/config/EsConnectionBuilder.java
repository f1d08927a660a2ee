package org.flinkx.connector.es.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.flink.annotation.PublicEvolving;

/** Builds an {@link EsConnection}, checking the hosts; the defaults are the options' defaults. */
@PublicEvolving
public final class EsConnectionBuilder {

    private final List<URI> hosts = new ArrayList<>();
    private String pathPrefix = "";
    private String username;
    private String password;
    private String apiKey;
    private String caCertificate;
    private boolean verifyHostname = true;
    private Duration connectTimeout = EsOptions.CONNECT_TIMEOUT.defaultValue();
    private Duration socketTimeout = EsOptions.SOCKET_TIMEOUT.defaultValue();

    /** The nodes, {@code http://host:port}, several separated by {@code ;} (the option's form). */
    public EsConnectionBuilder hosts(String hosts) {
        for (String host : hosts.split(";")) {
            if (!host.isBlank()) {
                this.hosts.add(parseHost(host.trim()));
            }
        }
        return this;
    }

    public EsConnectionBuilder pathPrefix(String pathPrefix) {
        String prefix = pathPrefix == null ? "" : pathPrefix.trim();
        while (prefix.endsWith("/")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        this.pathPrefix = prefix.isEmpty() || prefix.startsWith("/") ? prefix : "/" + prefix;
        return this;
    }

    public EsConnectionBuilder basicAuth(String username, String password) {
        this.username = username;
        this.password = password;
        return this;
    }

    public EsConnectionBuilder apiKey(String apiKey) {
        this.apiKey = apiKey;
        return this;
    }

    public EsConnectionBuilder caCertificate(String pemFile) {
        this.caCertificate = pemFile;
        return this;
    }

    public EsConnectionBuilder verifyHostname(boolean verifyHostname) {
        this.verifyHostname = verifyHostname;
        return this;
    }

    public EsConnectionBuilder timeouts(Duration connect, Duration socket) {
        if (connect.isNegative() || connect.isZero() || socket.isNegative() || socket.isZero()) {
            throw new IllegalArgumentException(
                    "The connection and socket timeouts must be positive, but are "
                            + connect
                            + " and "
                            + socket);
        }
        this.connectTimeout = connect;
        this.socketTimeout = socket;
        return this;
    }

    public EsConnection build() {
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException(
                    "'hosts' is required: the nodes' HTTP addresses, http://host:9200, several "
                            + "separated by ';'");
        }
        if (apiKey != null && username != null) {
            throw new IllegalArgumentException("Give 'username'/'password' or 'api-key', not both");
        }
        if (password != null && username == null) {
            throw new IllegalArgumentException("'password' is given without 'username'");
        }
        return new EsConnection(
                hosts,
                pathPrefix,
                username,
                password,
                apiKey,
                caCertificate,
                verifyHostname,
                connectTimeout,
                socketTimeout);
    }

    /** {@code http(s)://host:port}; the scheme and port are required, nothing else is allowed. */
    static URI parseHost(String host) {
        URI uri;
        try {
            uri = new URI(host);
        } catch (URISyntaxException e) {
            throw invalid(host, e.getMessage());
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw invalid(host, "it must start with http:// or https://");
        }
        if (uri.getHost() == null || uri.getPort() < 0) {
            throw invalid(host, "it must name a host and a port, http://host:9200");
        }
        if (uri.getUserInfo() != null) {
            throw invalid("(with user info)", "give the credentials as 'username' and 'password'");
        }
        if (uri.getRawPath() != null
                && !uri.getRawPath().isEmpty()
                && !uri.getRawPath().equals("/")) {
            throw invalid(host, "a path goes into 'connection.path-prefix'");
        }
        return URI.create(scheme + "://" + uri.getHost() + ":" + uri.getPort());
    }

    private static IllegalArgumentException invalid(String host, String why) {
        return new IllegalArgumentException(
                "Invalid value of 'hosts': '" + host + "': " + why + ".");
    }
}
