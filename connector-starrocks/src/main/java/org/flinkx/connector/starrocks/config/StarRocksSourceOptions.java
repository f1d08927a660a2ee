package org.flinkx.connector.starrocks.config;

import java.time.Duration;
import java.util.Set;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * The read options of the StarRocks connector (1.2.x) that {@code flinkx-starrocks} understands.
 * Its source reads through the JDBC connector (the FE's MySQL port), so the JDBC connector's {@code
 * scan.*} and {@code lookup.*} options apply; these keys are translated into them, or, where they
 * tune the StarRocks connector's own BE scan, accepted with a warning that they have no effect.
 */
@PublicEvolving
public final class StarRocksSourceOptions {

    public static final ConfigOption<String> SCAN_FILTER =
            ConfigOptions.key("scan.filter")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "A condition every row read must meet, in StarRocks' SQL (the same as "
                                    + "'scan.where', which wins when both are given).");

    public static final ConfigOption<Integer> SCAN_QUERY_TIMEOUT =
            ConfigOptions.key("scan.params.query-timeout-s")
                    .intType()
                    .noDefaultValue()
                    .withDescription(
                            "StarRocks' query_timeout, in seconds, for the reading sessions (the "
                                    + "server's default is 300 s; each split is one query).");

    public static final ConfigOption<Duration> SCAN_CONNECT_TIMEOUT =
            ConfigOptions.key("scan.connect.timeout-ms")
                    .durationType()
                    .noDefaultValue()
                    .withDescription(
                            "How long connecting to the FE's MySQL port may take (the driver's "
                                    + "connectTimeout).");

    public static final ConfigOption<Long> LOOKUP_CACHE_MAX_ROWS =
            ConfigOptions.key("lookup.cache.max-rows")
                    .longType()
                    .noDefaultValue()
                    .withDescription(
                            "Turns on the lookup cache with at most this many rows (the same as "
                                    + "'lookup.cache' = 'PARTIAL' with "
                                    + "'lookup.partial-cache.max-rows').");

    public static final ConfigOption<Duration> LOOKUP_CACHE_TTL =
            ConfigOptions.key("lookup.cache.ttl-ms")
                    .durationType()
                    .noDefaultValue()
                    .withDescription(
                            "How long a cached lookup row lives (the same as "
                                    + "'lookup.partial-cache.expire-after-write').");

    /**
     * Options of the StarRocks connector's BE scan (Thrift to the BEs), which this connector does
     * not use: accepted, so a table written for it plans, with a warning that they do nothing.
     */
    public static final Set<ConfigOption<String>> BE_SCAN_OPTIONS =
            Set.of(
                    unused("scan-url", "The FEs' HTTP addresses for the BE scan plan."),
                    unused("scan.columns", "Flink pushes the query's projection down instead."),
                    unused("scan.max-retries", "A failed split is read again after a restart."),
                    unused("scan.be-host-mapping-list", "BE addresses for the BE scan."),
                    unused("scan.params.keep-alive-min", "The BE scan's keep-alive."),
                    unused("scan.params.mem-limit-byte", "The BE scan's memory limit."),
                    unused("scan.params.batch-size", "The BE scan's batch size."));

    public static Set<ConfigOption<?>> options() {
        Set<ConfigOption<?>> options =
                new java.util.HashSet<>(
                        Set.of(
                                SCAN_FILTER,
                                SCAN_QUERY_TIMEOUT,
                                SCAN_CONNECT_TIMEOUT,
                                LOOKUP_CACHE_MAX_ROWS,
                                LOOKUP_CACHE_TTL));
        options.addAll(BE_SCAN_OPTIONS);
        return options;
    }

    private static ConfigOption<String> unused(String key, String what) {
        return ConfigOptions.key(key)
                .stringType()
                .noDefaultValue()
                .withDescription(
                        "Accepted for tables written for the StarRocks connector; no effect (reads "
                                + "go through 'jdbc-url'). There: "
                                + what);
    }

    private StarRocksSourceOptions() {}
}
