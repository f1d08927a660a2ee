package org.flinkx.connector.common.sink;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.runtime.execution.Environment;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.operators.coordination.OperatorCoordinator;
import org.apache.flink.runtime.operators.coordination.OperatorEvent;
import org.apache.flink.runtime.operators.coordination.OperatorEventGateway;
import org.apache.flink.runtime.operators.coordination.OperatorEventHandler;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.AbstractStreamOperatorFactory;
import org.apache.flink.streaming.api.operators.CoordinatedOperatorFactory;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperatorFactory;
import org.apache.flink.streaming.api.operators.StreamOperator;
import org.apache.flink.streaming.api.operators.StreamOperatorParameters;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.tasks.mailbox.TaskMailbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries a sink's bad-record counts from its writers to the {@link ErrorCountCoordinator}, which
 * checks the error limit over all subtasks: Sink V2 gives a writer no coordinator, so this operator
 * runs in front of the writers (the sink's pre-write topology), with their parallelism and
 * forward-connected, so that Flink chains it with the writer into one task. It passes every row on
 * unchanged.
 *
 * <p>A writer finds the operator of its task through a registry in the JVM, by job, sink (the link
 * in {@link SinkSettings#errorCounts()}), subtask and attempt; the operator registers when it is
 * created, before any operator of the task initializes, and the writer takes it only if its own
 * task created it (the thread is the task's: an unchained operator of the same subtask may run in
 * another task of the same TaskManager). The writer then reports its counts on the task thread:
 * when bad records came, at most every second otherwise, before every checkpoint, and at the end of
 * its input, where it waits for the coordinator's acknowledgement (running the task's mails,
 * through which the acknowledgement arrives), so that a bounded job cannot finish past the limit.
 * If chaining is disabled the writer finds no operator: it says so in a warning and its subtask
 * checks the limit on its own bad records only.
 */
@Internal
public final class ErrorCountOperator<T> extends AbstractStreamOperator<T>
        implements OneInputStreamOperator<T, T>, OperatorEventHandler {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ErrorCountOperator.class);
    private static final long REPORT_INTERVAL_NANOS = 1_000_000_000L;

    /** The operators of this JVM that no writer has taken yet. */
    private static final Map<Link, ErrorCountOperator<?>> UNCLAIMED = new ConcurrentHashMap<>();

    /** What the writer of one subtask attempt and the operator in front of it both know. */
    private record Link(JobID job, String sink, int subtask, int attempt) {}

    private final transient Link link;

    /**
     * The thread of the task that created this operator, which runs all of the task's operators.
     */
    private final transient Thread taskThread;

    private final transient OperatorEventGateway coordinator;

    /** Runs any mail of the task, operator events included, while the writer waits for the ack. */
    private final transient MailboxExecutor anyMail;

    private transient long reportedBad = -1;
    private transient long reportedAt;
    private transient boolean acknowledged;

    private ErrorCountOperator(StreamOperatorParameters<T> parameters, String sink) {
        super(parameters);
        Environment environment = parameters.getContainingTask().getEnvironment();
        this.link =
                new Link(
                        environment.getJobID(),
                        sink,
                        environment.getTaskInfo().getIndexOfThisSubtask(),
                        environment.getTaskInfo().getAttemptNumber());
        this.taskThread = Thread.currentThread();
        OperatorID id = parameters.getStreamConfig().getOperatorID();
        this.coordinator = parameters.getOperatorEventDispatcher().getOperatorEventGateway(id);
        parameters.getOperatorEventDispatcher().registerEventHandler(id, this);
        this.anyMail =
                parameters
                        .getContainingTask()
                        .getMailboxExecutorFactory()
                        .createExecutor(TaskMailbox.MIN_PRIORITY);
        UNCLAIMED.put(link, this);
    }

    /**
     * Puts the operator in front of a sink's writers, for its pre-write topology ({@code
     * SupportsPreWriteTopology}): the last step before the writer. Returns the input as it is when
     * the settings do not count over the whole job.
     */
    public static <T> DataStream<T> addInFrontOfTheWriters(
            DataStream<T> input, SinkSettings settings) {
        if (settings.errorCounts() == null) {
            return input;
        }
        return input.transform(
                "error limit " + settings.connector(), input.getType(), new Factory<>(settings));
    }

    /**
     * The operator chained in front of this writer, or null (with a warning) when there is none
     * although the settings count over the whole job.
     */
    public static ErrorCountOperator<?> takeFor(WriterInitContext context, SinkSettings settings) {
        if (settings.errorCounts() == null) {
            return null;
        }
        Link link =
                new Link(
                        context.getJobInfo().getJobId(),
                        settings.errorCounts(),
                        context.getTaskInfo().getIndexOfThisSubtask(),
                        context.getTaskInfo().getAttemptNumber());
        ErrorCountOperator<?> operator = UNCLAIMED.get(link);
        if (operator == null
                || operator.taskThread != Thread.currentThread()
                || !UNCLAIMED.remove(link, operator)) {
            operator = null;
            LOG.warn(
                    "The writer of sink {} (subtask {}) finds no error counter in its task (is"
                            + " operator chaining disabled?): it checks 'errors.max-count' and"
                            + " 'errors.max-percentage' on its own bad records only, not on those"
                            + " of all subtasks.",
                    settings.connector(),
                    link.subtask());
        }
        return operator;
    }

    @Override
    public void processElement(StreamRecord<T> element) {
        output.collect(element);
    }

    // ------------------------------------------------------------------ called by the writer
    // (FlinkxSinkWriter, or a writer of another library wrapped by a connector)

    /** The writer's counts after a batch: sent when bad records came, else at most every second. */
    public void counted(long bad, long processed) {
        long now = System.nanoTime();
        if (bad != reportedBad || now - reportedAt > REPORT_INTERVAL_NANOS) {
            send(bad, processed, false);
        }
    }

    /** The writer's counts before a checkpoint: always sent. */
    public void beforeCheckpoint(long bad, long processed) {
        send(bad, processed, false);
    }

    /**
     * The writer's last counts: sent, then waits until the coordinator acknowledged them. If they
     * pass the limit the coordinator fails the job instead, which cancels this task.
     */
    public void last(long bad, long processed) throws InterruptedException {
        acknowledged = false;
        send(bad, processed, true);
        while (!acknowledged) {
            if (getContainingTask().isCanceled()) {
                throw new InterruptedException(
                        "Cancelled while waiting for the job-wide error count");
            }
            anyMail.yield();
        }
    }

    private void send(long bad, long processed, boolean last) {
        reportedBad = bad;
        reportedAt = System.nanoTime();
        coordinator.sendEventToCoordinator(new ErrorCountReport(bad, processed, last));
    }

    @Override
    public void handleOperatorEvent(OperatorEvent event) {
        if (event instanceof ErrorCountReport.Ack) {
            acknowledged = true;
        }
    }

    @Override
    public void close() throws Exception {
        UNCLAIMED.remove(link, this);
        super.close();
    }

    // ------------------------------------------------------------------ factory

    /** Creates the operator in the task and its coordinator on the JobManager. */
    static final class Factory<T> extends AbstractStreamOperatorFactory<T>
            implements OneInputStreamOperatorFactory<T, T>, CoordinatedOperatorFactory<T> {

        private static final long serialVersionUID = 1L;

        private final SinkSettings settings;

        Factory(SinkSettings settings) {
            this.settings = settings;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <O extends StreamOperator<T>> O createStreamOperator(
                StreamOperatorParameters<T> parameters) {
            return (O) new ErrorCountOperator<>(parameters, settings.errorCounts());
        }

        @Override
        public OperatorCoordinator.Provider getCoordinatorProvider(
                String operatorName, OperatorID operatorID) {
            return new ErrorCountCoordinator.Provider(
                    operatorID, settings.connector(), settings.errorLimit());
        }

        @Override
        @SuppressWarnings("rawtypes")
        public Class<? extends StreamOperator> getStreamOperatorClass(ClassLoader classLoader) {
            return ErrorCountOperator.class;
        }
    }
}
