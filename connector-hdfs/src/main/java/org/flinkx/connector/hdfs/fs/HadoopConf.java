package org.flinkx.connector.hdfs.fs;

import java.io.IOException;
import java.io.Serializable;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.annotation.Internal;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.security.AccessControlException;
import org.flinkx.connector.common.error.UnrecoverableException;

/**
 * The Hadoop settings of one table ({@code properties.*}), serializable so they travel with the
 * job. Every task builds its own {@link Configuration} from them: HA name services, Kerberos and
 * other client settings work per table, without a cluster-wide {@code core-site.xml}.
 *
 * <p>File systems are created uncached ({@code fs.<scheme>.impl.disable.cache}), so two tables with
 * different settings for the same name node never share a client, and closing one cannot close
 * another's.
 */
@Internal
public final class HadoopConf implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Map<String, String> properties;
    private transient Configuration configuration;

    public HadoopConf(Map<String, String> properties) {
        this.properties = Collections.unmodifiableMap(new TreeMap<>(properties));
    }

    public static HadoopConf empty() {
        return new HadoopConf(Map.of());
    }

    public Map<String, String> properties() {
        return properties;
    }

    /** A Hadoop configuration with these settings over Hadoop's defaults. */
    public Configuration configuration() {
        if (configuration == null) {
            Configuration conf = new Configuration();
            properties.forEach(conf::set);
            configuration = conf;
        }
        return configuration;
    }

    /**
     * Opens the file system of {@code path}. A name node that cannot be reached fails with its
     * address in the message rather than a deep stack of retries.
     */
    public FileSystem fileSystem(Path path) throws IOException {
        URI uri = path.toUri();
        Configuration conf = new Configuration(configuration());
        String scheme =
                uri.getScheme() == null
                        ? FileSystem.getDefaultUri(conf).getScheme()
                        : uri.getScheme();
        conf.setBoolean("fs." + scheme + ".impl.disable.cache", true);
        try {
            return path.getFileSystem(conf);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException(
                    String.format("Cannot open the file system of '%s': %s", uri, e.getMessage()),
                    e);
        }
    }

    /**
     * An I/O failure described with the path (and so the host and port) it happened on. The result
     * is the root of its chain (the original is attached as suppressed), so that clients which show
     * a failure's root cause show where it happened, not a bare "Connection refused".
     *
     * @throws UnrecoverableException when the user lacks the permission, which no restart cures
     */
    public static IOException describe(String action, Path path, IOException e) {
        String reason = e.getMessage();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException
                    || t instanceof UnknownHostException
                    || t instanceof SocketTimeoutException) {
                reason =
                        "cannot connect to "
                                + path.toUri().getAuthority()
                                + " ("
                                + t.getMessage()
                                + ")";
                break;
            }
        }
        String message = String.format("Cannot %s '%s': %s", action, path, reason);
        if (e instanceof AccessControlException) {
            throw new UnrecoverableException(message, e);
        }
        IOException described = new IOException(message);
        described.addSuppressed(e);
        return described;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HadoopConf other && properties.equals(other.properties);
    }

    @Override
    public int hashCode() {
        return properties.hashCode();
    }

    @Override
    public String toString() {
        // Values may hold secrets (e.g. keytab passwords or S3 keys): names only.
        return "HadoopConf" + properties.keySet();
    }
}
