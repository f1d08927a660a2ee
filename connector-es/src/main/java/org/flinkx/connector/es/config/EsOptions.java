package org.flinkx.connector.es.config;

import java.time.Duration;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.connector.base.DeliveryGuarantee;

/**
 * The options of {@code flinkx-es}. Where Flink's Elasticsearch connector (3.x/4.x) has an option,
 * the key is the same ({@code hosts}, {@code index}, {@code document-id.key-delimiter}, {@code
 * sink.bulk-flush.*}, {@code connection.*}), so a table written for {@code elasticsearch-7} needs
 * only a new {@code 'connector'}; its retry keys ({@code sink.bulk-flush.backoff.*}) are fallback
 * keys of FlinkX's shared {@code sink.max-retries} and {@code sink.retry.backoff}. FlinkX's shared
 * options ({@code errors.*}, {@code dirty.*}, {@code *.rate-limit.*}) come on top.
 */
@PublicEvolving
public final class EsOptions {

    private EsOptions() {}

    // ------------------------------------------------------------------ connection

    public static final ConfigOption<String> HOSTS =
            ConfigOptions.key("hosts")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "The nodes' HTTP addresses, http://host:port or https://host:port, "
                                    + "several separated by ';'. A request goes to the node that "
                                    + "answered last; one that cannot be reached is skipped for the "
                                    + "next.");

    public static final ConfigOption<String> INDEX =
            ConfigOptions.key("index")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "To write: the index, or a pattern with one placeholder that names "
                                    + "each row's index: {field}, {field|yyyy-MM-dd} (a DATE or "
                                    + "TIMESTAMP column formatted), {now()|yyyy-MM} (the time of "
                                    + "writing, UTC). To read: an index, an alias, a pattern with * "
                                    + "or a comma-separated list.");

    public static final ConfigOption<String> USERNAME =
            ConfigOptions.key("username")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Basic authentication: the user.");

    public static final ConfigOption<String> PASSWORD =
            ConfigOptions.key("password")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Basic authentication: the password. Never written to logs, messages "
                                    + "or metrics.");

    public static final ConfigOption<String> API_KEY =
            ConfigOptions.key("api-key")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Authenticate with an API key instead: the 'encoded' value the create "
                                    + "API key call answers (base64 of id:api_key), sent as "
                                    + "'Authorization: ApiKey <value>'.");

    public static final ConfigOption<String> TLS_CA_CERTIFICATE =
            ConfigOptions.key("tls.ca-certificate")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "A PEM file with the CA certificates that sign the nodes' HTTPS "
                                    + "certificates (for example Elasticsearch's "
                                    + "config/certs/http_ca.crt). Without it the JVM's trust store "
                                    + "decides.");

    public static final ConfigOption<Boolean> TLS_VERIFY_HOSTNAME =
            ConfigOptions.key("tls.verify-hostname")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "Whether a node's certificate must name the host in 'hosts'. Turn it "
                                    + "off only for certificates issued to other names.");

    public static final ConfigOption<String> PATH_PREFIX =
            ConfigOptions.key("connection.path-prefix")
                    .stringType()
                    .defaultValue("")
                    .withDescription(
                            "Put in front of every request's path, for a cluster behind a proxy "
                                    + "at /es.");

    public static final ConfigOption<Duration> CONNECT_TIMEOUT =
            ConfigOptions.key("connection.timeout")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(10))
                    .withDescription(
                            "How long connecting to a node may take before the next is tried.");

    public static final ConfigOption<Duration> SOCKET_TIMEOUT =
            ConfigOptions.key("socket.timeout")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(60))
                    .withDescription("How long a request may wait for its answer.");

    // ------------------------------------------------------------------ sink

    public static final ConfigOption<String> KEY_DELIMITER =
            ConfigOptions.key("document-id.key-delimiter")
                    .stringType()
                    .defaultValue("_")
                    .withDescription(
                            "Joins the values of a composite PRIMARY KEY into the document id.");

    public static final ConfigOption<Integer> BULK_MAX_ACTIONS =
            ConfigOptions.key("sink.bulk-flush.max-actions")
                    .intType()
                    .defaultValue(1000)
                    .withFallbackKeys("sink.buffer-flush.max-rows")
                    .withDescription(
                            "Send a bulk request when this many actions are buffered. 0 disables "
                                    + "the trigger.");

    public static final ConfigOption<MemorySize> BULK_MAX_SIZE =
            ConfigOptions.key("sink.bulk-flush.max-size")
                    .memoryType()
                    .defaultValue(MemorySize.parse("5mb"))
                    .withFallbackKeys("sink.buffer-flush.max-bytes")
                    .withDescription(
                            "Send a bulk request when the buffered rows reach this estimated size. "
                                    + "0 disables the trigger.");

    public static final ConfigOption<Duration> BULK_INTERVAL =
            ConfigOptions.key("sink.bulk-flush.interval")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(1))
                    .withFallbackKeys("sink.buffer-flush.interval")
                    .withDescription(
                            "Send what is buffered at this interval even when no other trigger "
                                    + "fired. 0 disables the timer (checkpoints still flush).");

    public static final ConfigOption<Integer> MAX_RETRIES =
            ConfigOptions.key("sink.max-retries")
                    .intType()
                    .defaultValue(3)
                    .withFallbackKeys("sink.bulk-flush.backoff.max-retries")
                    .withDescription(
                            "How often a bulk request the cluster refused as a whole (429, 5xx, a "
                                    + "lost connection), or its items refused with 429/5xx, are "
                                    + "sent again, each after the backoff, before the job fails. "
                                    + "Items refused for their content (a mapping error) are not "
                                    + "retried: they go to dirty storage.");

    public static final ConfigOption<Duration> RETRY_BACKOFF =
            ConfigOptions.key("sink.retry.backoff")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(1))
                    .withFallbackKeys("sink.bulk-flush.backoff.delay")
                    .withDescription(
                            "Wait before the first retry; doubled on each further one, at most 1 "
                                    + "min.");

    public static final ConfigOption<DeliveryGuarantee> DELIVERY_GUARANTEE =
            ConfigOptions.key("sink.delivery-guarantee")
                    .enumType(DeliveryGuarantee.class)
                    .defaultValue(DeliveryGuarantee.AT_LEAST_ONCE)
                    .withDescription(
                            "'at-least-once' (the default) sends everything buffered on every "
                                    + "checkpoint; with a PRIMARY KEY a replay after a failure "
                                    + "overwrites the same documents, so the index ends as if each "
                                    + "change was applied once. 'none' sends only when the buffer "
                                    + "triggers. 'exactly-once' is refused: Elasticsearch has no "
                                    + "transactions.");

    // ------------------------------------------------------------------ source

    public static final ConfigOption<String> SCAN_QUERY =
            ConfigOptions.key("scan.query")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "A query in the query DSL (the JSON of a search request's 'query'), "
                                    + "to read only the documents it matches. Filters that Flink "
                                    + "pushes down are added to it.");

    public static final ConfigOption<Integer> SCAN_SLICES =
            ConfigOptions.key("scan.slices")
                    .intType()
                    .noDefaultValue()
                    .withDescription(
                            "Into how many slices the read is cut (the splits, read in parallel, "
                                    + "each resumable). Defaults to the source's parallelism, or, "
                                    + "reading one index in a point in time without _shard_doc "
                                    + "(OpenSearch), to its number of shards if that is more: then "
                                    + "every slice reads one shard and sorts on _doc, much cheaper "
                                    + "for the cluster than _index and _id.");

    public static final ConfigOption<Integer> SCAN_FETCH_SIZE =
            ConfigOptions.key("scan.fetch-size")
                    .intType()
                    .defaultValue(1000)
                    .withDescription("Documents per search request.");

    public static final ConfigOption<ScanMode> SCAN_MODE =
            ConfigOptions.key("scan.mode")
                    .enumType(ScanMode.class)
                    .defaultValue(ScanMode.AUTO)
                    .withDescription(
                            "'pit': slices of a point-in-time search with search_after (one "
                                    + "consistent view; a split resumes after its last document). "
                                    + "'scroll': slices of a scroll (servers without point in "
                                    + "time; a resumed split scans its slice again and skips what "
                                    + "it emitted). 'auto': 'pit' where the server has it "
                                    + "(Elasticsearch 7.10+ with X-Pack, OpenSearch 2.4+), else "
                                    + "'scroll'.");

    public static final ConfigOption<Duration> SCAN_KEEP_ALIVE =
            ConfigOptions.key("scan.keep-alive")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(5))
                    .withDescription(
                            "How long the cluster keeps a point in time or scroll open between two "
                                    + "requests of a split (each request renews it). A job that "
                                    + "is down longer resumes in a new point in time.");
}
