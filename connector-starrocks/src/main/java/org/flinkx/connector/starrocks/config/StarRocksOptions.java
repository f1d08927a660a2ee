package org.flinkx.connector.starrocks.config;

import java.time.Duration;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.connector.base.DeliveryGuarantee;

/**
 * The options of {@code flinkx-starrocks}. Their keys are those of the StarRocks connector (1.2.x),
 * so a table written for it needs only a new {@code 'connector'}; where FlinkX's shared option has
 * another key, the StarRocks key is a fallback key ({@code sink.semantic}, {@code
 * sink.buffer-flush.interval-ms}). FlinkX's shared options ({@code errors.*}, {@code dirty.*},
 * {@code sink.rate-limit.*}, {@code sink.retry.backoff}) come on top.
 */
@PublicEvolving
public final class StarRocksOptions {

    public static final ConfigOption<String> JDBC_URL =
            ConfigOptions.key("jdbc-url")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "The FE's MySQL-protocol address, jdbc:mysql://fe:9030: required to "
                                    + "read (scan and lookup go through it). The sink does not need "
                                    + "it (it talks to the FE's HTTP port only).");

    public static final ConfigOption<String> LOAD_URL =
            ConfigOptions.key("load-url")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Required to write: the FEs' HTTP addresses, host:http_port, several "
                                    + "separated by ';'. Each "
                                    + "request goes to the first FE that answers; one that cannot "
                                    + "be reached is skipped for the next. The FE redirects loads to "
                                    + "a BE.");

    public static final ConfigOption<String> DATABASE_NAME =
            ConfigOptions.key("database-name")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("The StarRocks database.");

    public static final ConfigOption<String> TABLE_NAME =
            ConfigOptions.key("table-name")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("The StarRocks table.");

    public static final ConfigOption<String> USERNAME =
            ConfigOptions.key("username")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "The StarRocks user; it needs INSERT on the table to write, SELECT to "
                                    + "read.");

    public static final ConfigOption<String> PASSWORD =
            ConfigOptions.key("password")
                    .stringType()
                    .defaultValue("")
                    .withDescription(
                            "The user's password, sent as HTTP Basic auth (and to the MySQL port when "
                                    + "reading); never logged.");

    public static final ConfigOption<String> LABEL_PREFIX =
            ConfigOptions.key("sink.label-prefix")
                    .stringType()
                    .defaultValue("flinkx")
                    .withDescription(
                            "The start of every Stream Load label, followed by the table, a run id, "
                                    + "the subtask and a number (letters, digits, '_' and '-'). "
                                    + "Labels are how StarRocks loads a batch once when it is retried, "
                                    + "and how a restored exactly-once job finds the transactions an "
                                    + "earlier attempt left open.");

    public static final ConfigOption<DeliveryGuarantee> DELIVERY_GUARANTEE =
            ConfigOptions.key("sink.delivery-guarantee")
                    .enumType(DeliveryGuarantee.class)
                    .defaultValue(DeliveryGuarantee.AT_LEAST_ONCE)
                    .withFallbackKeys("sink.semantic")
                    .withDescription(
                            "'at-least-once': every flush is one Stream Load, durable before a "
                                    + "checkpoint completes (a primary-key table makes replays "
                                    + "idempotent); 'exactly-once': a checkpoint's rows go into one "
                                    + "Stream Load transaction, prepared at the checkpoint and "
                                    + "committed when it completes; 'none': flushes only when the "
                                    + "buffer triggers. 'sink.semantic' is accepted as the key too.");

    public static final ConfigOption<Integer> BUFFER_MAX_ROWS =
            ConfigOptions.key("sink.buffer-flush.max-rows")
                    .intType()
                    .defaultValue(500_000)
                    .withDescription(
                            "Flush (one Stream Load) when the buffer holds this many rows. 0 "
                                    + "disables the trigger.");

    public static final ConfigOption<MemorySize> BUFFER_MAX_BYTES =
            ConfigOptions.key("sink.buffer-flush.max-bytes")
                    .memoryType()
                    .defaultValue(MemorySize.parse("32mb"))
                    .withDescription(
                            "Flush when the estimated size of the buffered rows reaches this size "
                                    + "(a plain number is bytes, as in the StarRocks connector). The "
                                    + "writer holds at most two buffers, one filling, one loading, and "
                                    + "rows take more heap than their estimated size: budget about "
                                    + "four times this value of heap per sink subtask.");

    public static final ConfigOption<Duration> BUFFER_INTERVAL =
            ConfigOptions.key("sink.buffer-flush.interval")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(5))
                    .withFallbackKeys("sink.buffer-flush.interval-ms")
                    .withDescription(
                            "Flush at this interval even when the buffer is not full (a plain "
                                    + "number is milliseconds; 'sink.buffer-flush.interval-ms' is "
                                    + "accepted as the key too). 0 disables the timer; every "
                                    + "checkpoint flushes anyway.");

    public static final ConfigOption<Duration> CONNECT_TIMEOUT =
            ConfigOptions.key("sink.connect.timeout-ms")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(30))
                    .withDescription(
                            "How long connecting to an FE or BE may take (a plain number is "
                                    + "milliseconds).");

    public static final ConfigOption<Duration> SOCKET_TIMEOUT =
            ConfigOptions.key("sink.socket.timeout-ms")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(10))
                    .withDescription(
                            "How long the sink waits for the next bytes of an answer (a plain "
                                    + "number is milliseconds): a server that stops answering fails "
                                    + "the request after this time instead of hanging the job.");

    /** Stream Load headers, passed on unchanged: {@code sink.properties.format} = {@code json}. */
    public static final String PROPERTIES_PREFIX = "sink.properties.";

    private StarRocksOptions() {}
}
