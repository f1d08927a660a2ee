package org.flinkx.connector.common.options;

import java.time.Duration;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.connector.base.DeliveryGuarantee;

/**
 * Options every FlinkX connector shares: speed control, error limits, dirty data, sink buffering
 * and the delivery guarantee. Connector factories add them to their optional options; {@link
 * CommonOptions} turns them into validated, immutable configuration objects.
 */
@PublicEvolving
public final class FlinkxOptions {

    // ------------------------------------------------------------------ savepoints

    public static final ConfigOption<String> SCAN_OPERATOR_UID =
            ConfigOptions.key("scan.operator-uid")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "The uid of the source operator. Set, a savepoint restores the source's "
                                    + "state into a job whose SQL changed (more INSERTs, more tables); "
                                    + "unset, Flink derives the operator's id from the job's shape, "
                                    + "which such a change changes.");

    // ------------------------------------------------------------------ speed control

    public static final ConfigOption<Double> SCAN_RATE_LIMIT_RECORDS =
            ConfigOptions.key("scan.rate-limit.records-per-second")
                    .doubleType()
                    .noDefaultValue()
                    .withDescription(
                            "Upper bound on the records read per second by each source subtask. "
                                    + "Unset means unlimited.");

    public static final ConfigOption<MemorySize> SCAN_RATE_LIMIT_BYTES =
            ConfigOptions.key("scan.rate-limit.bytes-per-second")
                    .memoryType()
                    .noDefaultValue()
                    .withDescription(
                            "Upper bound on the bytes read per second by each source subtask, "
                                    + "e.g. '10mb'. Row sizes are estimated from the converted values. "
                                    + "Unset means unlimited.");

    public static final ConfigOption<Double> SINK_RATE_LIMIT_RECORDS =
            ConfigOptions.key("sink.rate-limit.records-per-second")
                    .doubleType()
                    .noDefaultValue()
                    .withDescription(
                            "Upper bound on the records written per second by each sink subtask. "
                                    + "Unset means unlimited.");

    public static final ConfigOption<MemorySize> SINK_RATE_LIMIT_BYTES =
            ConfigOptions.key("sink.rate-limit.bytes-per-second")
                    .memoryType()
                    .noDefaultValue()
                    .withDescription(
                            "Upper bound on the bytes written per second by each sink subtask, "
                                    + "e.g. '10mb'. Unset means unlimited.");

    // ------------------------------------------------------------------ error limit and dirty data

    public static final ConfigOption<Long> ERRORS_MAX_COUNT =
            ConfigOptions.key("errors.max-count")
                    .longType()
                    .defaultValue(0L)
                    .withDescription(
                            "How many bad records are tolerated. Every bad record goes to "
                                    + "dirty storage; the job fails when the count of bad records "
                                    + "passes this number, counted over all subtasks of the source "
                                    + "or sink together (a subtask over it on its own fails at "
                                    + "once). 0 fails on "
                                    + "the first bad record, after it has been written to dirty "
                                    + "storage.");

    public static final ConfigOption<Double> ERRORS_MAX_PERCENTAGE =
            ConfigOptions.key("errors.max-percentage")
                    .doubleType()
                    .noDefaultValue()
                    .withDescription(
                            "Fail the job when bad records exceed this percentage (0-100) of the "
                                    + "records processed by all subtasks of the source or sink "
                                    + "together. Checked in addition to "
                                    + "'errors.max-count'; when set, 'errors.max-count' defaults to "
                                    + "unlimited unless given explicitly.");

    public static final ConfigOption<DirtySinkKind> DIRTY_SINK =
            ConfigOptions.key("dirty.sink")
                    .enumType(DirtySinkKind.class)
                    .defaultValue(DirtySinkKind.LOG)
                    .withDescription(
                            "Where bad records go: 'log' writes each one with its error to the task "
                                    + "log; 'file' appends JSON lines to files under 'dirty.path'.");

    public static final ConfigOption<String> DIRTY_PATH =
            ConfigOptions.key("dirty.path")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Local directory for 'dirty.sink' = 'file', as an absolute path or a "
                                    + "file:/// URI, on the machine of each TaskManager; each subtask "
                                    + "appends to its own file dirty-<source|sink>-<connector>-<job id>-"
                                    + "<operator id>-<subtask>.jsonl.");

    // ------------------------------------------------------------------ sink buffering

    public static final ConfigOption<Integer> SINK_BUFFER_MAX_ROWS =
            ConfigOptions.key("sink.buffer-flush.max-rows")
                    .intType()
                    .defaultValue(5000)
                    .withDescription(
                            "Flush the buffer when it holds this many rows. 0 disables the trigger.");

    public static final ConfigOption<MemorySize> SINK_BUFFER_MAX_BYTES =
            ConfigOptions.key("sink.buffer-flush.max-bytes")
                    .memoryType()
                    .defaultValue(MemorySize.parse("16mb"))
                    .withDescription(
                            "Flush the buffer when the estimated size of its rows reaches this size. "
                                    + "0 disables the trigger.");

    public static final ConfigOption<Duration> SINK_BUFFER_INTERVAL =
            ConfigOptions.key("sink.buffer-flush.interval")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(1))
                    .withDescription(
                            "Flush the buffer at this interval even when it is not full. 0 disables "
                                    + "the timer (the buffer is still flushed on every checkpoint).");

    public static final ConfigOption<Integer> SINK_MAX_RETRIES =
            ConfigOptions.key("sink.max-retries")
                    .intType()
                    .defaultValue(3)
                    .withDescription(
                            "How often a flush that failed with a transient error (lost "
                                    + "connection, deadlock, lock timeout) is retried before the job "
                                    + "fails: each retry waits the backoff, reconnects if the "
                                    + "connection broke, and writes the batch again. Permanent errors "
                                    + "are never retried: the offending rows go to dirty storage.");

    public static final ConfigOption<Duration> SINK_RETRY_BACKOFF =
            ConfigOptions.key("sink.retry.backoff")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(1))
                    .withDescription(
                            "Wait before the first retry; doubled on each further retry, at most "
                                    + "1 min.");

    public static final ConfigOption<DeliveryGuarantee> SINK_DELIVERY_GUARANTEE =
            ConfigOptions.key("sink.delivery-guarantee")
                    .enumType(DeliveryGuarantee.class)
                    .defaultValue(DeliveryGuarantee.AT_LEAST_ONCE)
                    .withDescription(
                            "'at-least-once' flushes on every checkpoint (idempotent when the table "
                                    + "has a primary key); 'exactly-once' writes into transactions "
                                    + "that become visible when the checkpoint completes; 'none' "
                                    + "flushes only when the buffer triggers.");

    public static final ConfigOption<String> SINK_TRANSACTION_PREFIX =
            ConfigOptions.key("sink.transaction.id-prefix")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Prefix of the transaction ids of 'exactly-once'. Ids are derived from "
                                    + "(prefix, subtask, checkpoint) so a restarted job finds and aborts "
                                    + "what an earlier attempt left behind. Defaults to a value derived "
                                    + "from the target; give each concurrent exactly-once job that "
                                    + "writes the same target its own prefix.");

    private FlinkxOptions() {}
}
