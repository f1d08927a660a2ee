package org.flinkx.connector.es.config;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.flink.annotation.PublicEvolving;

/**
 * How to reach an Elasticsearch or OpenSearch cluster: its nodes' HTTP addresses (tried in turn: a
 * node that cannot be reached is skipped), the credentials (basic auth or an API key) and TLS.
 *
 * @param hosts the nodes, {@code http://host:port} or {@code https://host:port}
 * @param pathPrefix put in front of every request path ({@code /es} behind a proxy), or empty
 * @param username basic auth, with {@code password}; null for none
 * @param apiKey the {@code Authorization: ApiKey} value (the base64 of {@code id:key} the create
 *     API key call returns as {@code encoded}); null for none
 * @param caCertificate a PEM file with the certificates that sign the nodes' TLS certificates; null
 *     trusts the JVM's default trust store
 * @param verifyHostname whether a node's certificate must name the host it is reached by
 */
@PublicEvolving
public record EsConnection(
        List<URI> hosts,
        String pathPrefix,
        @Nullable String username,
        @Nullable String password,
        @Nullable String apiKey,
        @Nullable String caCertificate,
        boolean verifyHostname,
        Duration connectTimeout,
        Duration socketTimeout)
        implements Serializable {

    public EsConnection {
        hosts = List.copyOf(hosts);
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("At least one host is needed");
        }
    }

    public static EsConnectionBuilder builder() {
        return new EsConnectionBuilder();
    }

    /** The hosts, for messages (a URI in {@code hosts} never carries user info). */
    public String describe() {
        return hosts.toString();
    }

    @Override
    public String toString() {
        return "EsConnection" + describe();
    }
}
