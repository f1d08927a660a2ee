package org.flinkx.launcher.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What {@link EsReaderPlugin} and {@link EsWriterPlugin} share: the {@code flinkx-es} connector,
 * the nodes (ChunJun's {@code hosts}, the older FlinkX's {@code address}, both {@code host:port}
 * without a scheme), basic authentication, TLS (ChunJun's {@code sslConfig}), the client's timeouts
 * in the units each generation used, and the check that a mapping {@code type} is one Elasticsearch
 * 7 and later still have ({@code _doc}).
 */
final class EsConnectionSettings {

    static final String CONNECTOR = "flinkx-es";

    /** The one mapping type Elasticsearch 7 and later know (their APIs are typeless). */
    private static final String DOC = "_doc";

    private static final Set<String> SSL_KEYS =
            Set.of("useLocalFile", "fileName", "filePath", "keyStorePass", "type", "sftpConfig");

    private static final String HOSTS =
            "`hosts`: each `host:port` as `http://host:port` (`https://` with `sslConfig`; an address "
                    + "with a scheme keeps it), a list or one string separated by `;` or `,`, joined with `;`";
    private static final String TYPE =
            "absent or `_doc` only: Elasticsearch 7 and later have no mapping types (another type "
                    + "fails: FlinkX reads and writes typeless)";
    private static final String CLIENT_POOL =
            "FlinkX's REST client keeps its own connections (`connection.timeout`, `socket.timeout`)";

    private EsConnectionSettings() {}

    /** The node keys, first in both key tables. */
    static KeyTable.Builder nodeKeys(KeyTable.Builder keys) {
        return keys.read("hosts", "ChunJun's nodes: " + HOSTS)
                .read("address", "the older FlinkX's nodes (`host:port,host:port`): " + HOSTS)
                .read("type", TYPE)
                .read("document-type", "read as `type`");
    }

    /** Authentication, TLS and the client's timeouts, after the index in both key tables. */
    static KeyTable.Builder clientKeys(KeyTable.Builder keys) {
        return keys.option("username", "username")
                .option("password", "password")
                .option("pathPrefix", "connection.path-prefix")
                .read(
                        "sslConfig",
                        "the nodes are `https://`; `type` `ca`: `tls.ca-certificate` = `filePath`/`fileName` "
                                + "(a PEM file, read locally on every TaskManager); `pkcs12` (ChunJun's default): "
                                + "not read (warned: the JVM's trust store decides; export the CA as PEM); "
                                + "`tls.verify-hostname` = `false`, as ChunJun checked no host names (it trusted "
                                + "every certificate, FlinkX checks the chain)")
                .read(
                        "timeout",
                        "the older FlinkX's, in seconds: `socket.timeout` (unless `socketTimeout` is given)")
                .read("connectTimeout", "milliseconds: `connection.timeout`")
                .read(
                        "socketTimeout",
                        "milliseconds: `socket.timeout` (absent: FlinkX's 60 s, where ChunJun waited 30 min)");
    }

    /** The client pool's keys and ChunJun's {@code parallelism}, last in both key tables. */
    static KeyTable.Builder ignoredKeys(KeyTable.Builder keys) {
        return keys.ignored("keepAliveTime", CLIENT_POOL)
                .ignored("requestTimeout", CLIENT_POOL)
                .ignored("maxConnPerRoute", CLIENT_POOL)
                .ignored(
                        "parallelism",
                        "the parallelism is job.setting.speed's (`channel`, `readerChannel`, "
                                + "`writerChannel`), as in ChunJun, which overwrote this key with it");
    }

    /** Puts the nodes into {@code table}'s {@code hosts}, and checks the mapping type. */
    static void hosts(Parameters parameters, TableDef table) {
        String plugin = parameters.plugin();
        checkType(parameters);
        String scheme = parameters.node("sslConfig").isPresent() ? "https://" : "http://";
        List<String> hosts = new ArrayList<>();
        List<String> given =
                parameters.texts("hosts").isEmpty()
                        ? parameters.texts("address")
                        : parameters.texts("hosts");
        for (String entry : given) {
            for (String host : entry.split("[,;]")) {
                if (!host.isBlank()) {
                    String trimmed = host.trim();
                    hosts.add(trimmed.contains("://") ? trimmed : scheme + trimmed);
                }
            }
        }
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException(
                    plugin
                            + ": parameter 'hosts' (ChunJun) or 'address' (the older FlinkX) is required: "
                            + "the nodes' host:port");
        }
        table.options.put("hosts", String.join(";", hosts));
    }

    /** Puts TLS, the one-to-one keys (credentials, ...) and the timeouts into the options. */
    static void client(Parameters parameters, TableDef table, List<String> warnings) {
        parameters
                .node("sslConfig")
                .ifPresent(config -> tls(parameters.plugin(), config, table, warnings));
        parameters.copyOptions(table.options);
        wholeNumber(parameters, "connectTimeout")
                .ifPresent(ms -> table.options.put("connection.timeout", ms + " ms"));
        Optional<String> socket = wholeNumber(parameters, "socketTimeout");
        if (socket.isPresent()) {
            table.options.put("socket.timeout", socket.get() + " ms");
        } else {
            wholeNumber(parameters, "timeout")
                    .ifPresent(s -> table.options.put("socket.timeout", s + " s"));
        }
    }

    /** ChunJun's {@code sslConfig}: the trusted CA (a PEM file) and no host name check. */
    private static void tls(String plugin, JsonNode config, TableDef table, List<String> warnings) {
        if (!config.isObject()) {
            throw new IllegalArgumentException(plugin + ": 'sslConfig' must be an object");
        }
        config.fieldNames()
                .forEachRemaining(
                        key -> {
                            if (!SSL_KEYS.contains(key)) {
                                throw new IllegalArgumentException(
                                        plugin
                                                + ": unknown key sslConfig."
                                                + key
                                                + "; sslConfig has "
                                                + String.join(
                                                        ", ", new java.util.TreeSet<>(SSL_KEYS)));
                            }
                        });
        String type = config.path("type").asText("pkcs12").toLowerCase(Locale.ROOT);
        String fileName = config.path("fileName").asText("");
        String filePath = config.path("filePath").asText("");
        String file =
                filePath.isEmpty() || fileName.isEmpty()
                        ? filePath + fileName
                        : filePath.replaceAll("/+$", "") + "/" + fileName;
        switch (type) {
            case "ca" -> {
                if (file.isEmpty()) {
                    throw new IllegalArgumentException(
                            plugin
                                    + ": sslConfig of type 'ca' needs 'fileName' (and 'filePath'), "
                                    + "the PEM file of the CA that signs the nodes' certificates");
                }
                table.options.put("tls.ca-certificate", file);
                if (config.has("sftpConfig") || !config.path("useLocalFile").asBoolean(true)) {
                    warnings.add(
                            plugin
                                    + ": sslConfig: the CA file "
                                    + file
                                    + " is read from the local file system of each "
                                    + "TaskManager (FlinkX does not fetch it over SFTP or from the blob server)");
                }
            }
            case "pkcs12" ->
                    warnings.add(
                            plugin
                                    + ": sslConfig: the PKCS#12 file "
                                    + (file.isEmpty() ? "" : file + " ")
                                    + "is not read: the JVM's trust store decides which node certificates "
                                    + "are trusted; to trust a CA of your own, export it as PEM (openssl pkcs12 "
                                    + "-in <file> -nokeys -out ca.pem) and give sslConfig.type 'ca'");
            default ->
                    throw new IllegalArgumentException(
                            plugin + ": sslConfig.type '" + type + "' is not one of ca, pkcs12");
        }
        table.options.put("tls.verify-hostname", "false");
    }

    /** Fails for a mapping type other than {@code _doc}. */
    private static void checkType(Parameters parameters) {
        for (String key : List.of("type", "document-type")) {
            for (String type : parameters.texts(key)) {
                if (!type.isBlank() && !type.trim().equals(DOC)) {
                    throw new IllegalArgumentException(
                            parameters.plugin()
                                    + ": "
                                    + key
                                    + " '"
                                    + type
                                    + "' is a mapping type, which Elasticsearch 7 and later "
                                    + "do not have: FlinkX reads and writes the index's documents without one "
                                    + "(remove '"
                                    + key
                                    + "', or give '_doc')");
                }
            }
        }
    }

    /** A timeout key's value, a positive whole number; empty when absent. */
    private static Optional<String> wholeNumber(Parameters parameters, String key) {
        Optional<String> value = parameters.text(key).map(String::trim);
        value.ifPresent(
                number -> {
                    if (!number.matches("[1-9][0-9]{0,17}")) {
                        throw new IllegalArgumentException(
                                parameters.plugin()
                                        + ": "
                                        + key
                                        + " '"
                                        + number
                                        + "' is not a positive whole number");
                    }
                });
        return value;
    }
}
