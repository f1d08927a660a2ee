package org.flinkx.connector.jdbc.config;

import java.io.Serializable;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.flink.annotation.PublicEvolving;
import org.flinkx.connector.common.security.Secrets;

/**
 * Where and how to connect. Immutable; {@link #toString()} and {@link #safeUrl()} never show the
 * password (also not one written into the URL).
 */
@PublicEvolving
public final class JdbcConnectionConfig implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String url;
    private final String username;
    private final String password;
    private final String driverClass;
    private final Map<String, String> properties;

    public JdbcConnectionConfig(
            String url,
            String username,
            String password,
            String driverClass,
            Map<String, String> properties) {
        this.url = Objects.requireNonNull(url, "url");
        this.username = username;
        this.password = password;
        this.driverClass = driverClass;
        this.properties = Map.copyOf(properties);
    }

    public String url() {
        return url;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    /** The driver class the user named, or null to find one by URL. */
    public String driverClass() {
        return driverClass;
    }

    public Map<String, String> properties() {
        return properties;
    }

    /** The same connection to another URL (a shard). */
    public JdbcConnectionConfig withUrl(String otherUrl) {
        return new JdbcConnectionConfig(otherUrl, username, password, driverClass, properties);
    }

    /** Driver properties: user, password and the pass-through {@code properties.*}. */
    public Properties driverProperties(Map<String, String> dialectDefaults) {
        Properties props = new Properties();
        props.putAll(dialectDefaults);
        props.putAll(properties);
        if (username != null) {
            props.setProperty("user", username);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        return props;
    }

    /** The URL with any secret in it masked, for messages and logs. */
    public String safeUrl() {
        return maskSecrets(url);
    }

    /** Masks {@code password=...}-like parameters in any text. */
    public static String maskSecrets(String text) {
        return Secrets.maskUrl(text);
    }

    @Override
    public String toString() {
        return "JdbcConnectionConfig{url=" + safeUrl() + ", username=" + username + "}";
    }
}
