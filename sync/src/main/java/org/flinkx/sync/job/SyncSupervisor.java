package org.flinkx.sync.job;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.annotation.Nullable;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ObjectPath;
import org.apache.flink.util.TimeUtils;
import org.flinkx.sync.ddl.SyncDdl;
import org.flinkx.sync.definition.SyncDefinition;
import org.flinkx.sync.plan.TargetTable;

/**
 * Runs a continuous sync with {@code rescan} and follows its source: every interval the definition
 * is planned again against the source server; when the plan grew — a table that matches now (a new
 * target, or a new shard of one), a column added to a captured table — the job is stopped with a
 * savepoint (the sinks commit at it), the targets are created or get the new columns ({@code ddl}
 * as at the start), and the new plan's job starts from the savepoint. Its binlog source keeps its
 * uid ({@code scan.operator-uid}), so its stream goes on from the savepoint's offset after reading
 * the new tables, and the tables with new columns, as snapshot chunks (see the binlog connector's
 * {@code CatchUp}); the other tables are not read again. The savepoint's other state (the sinks',
 * committed at the savepoint) is not claimed by the new operators.
 *
 * <p>A column of a running target that is gone from the plan or has another type (dropped, renamed
 * or retyped at the source) stops the sync with the table and the column: the target is left as it
 * is, for the user to decide. A table no longer there at the source is left out of the plan only
 * when the plan changes for another reason; until then its part of the job idles.
 *
 * <p>It returns when the job ends on its own: finished or canceled (its status), or failed (then it
 * throws the job's failure).
 */
@PublicEvolving
public final class SyncSupervisor {

    /** Starts a sync's SQL, restored from {@code savepoint} when not null; the job's client. */
    @FunctionalInterface
    public interface Runner {
        JobClient start(String script, @Nullable String savepoint) throws Exception;
    }

    private final SyncDefinition definition;
    private final Runner runner;
    private final PrintStream out;
    private final Duration interval;

    public SyncSupervisor(SyncDefinition definition, Runner runner, PrintStream out) {
        if (definition.rescan() == null || !SyncScript.continuous(definition)) {
            throw new IllegalArgumentException("A continuous sync with 'rescan' is supervised");
        }
        this.definition = definition;
        this.runner = runner;
        this.out = out;
        this.interval = TimeUtils.parseDuration(definition.rescan().interval());
    }

    /** Plans, creates the targets, runs the job and follows the source until the job ends. */
    public JobStatus run() throws Exception {
        SyncJobs.Plan plan = SyncJobs.plan(definition);
        SyncDdl.run(definition, plan.targets(), out);
        JobClient job = runner.start(plan.script(false), null);
        out.println(
                "Sync job " + job.getJobID() + " started; the source is listed every " + interval);
        while (true) {
            JobStatus ended = awaitEnd(job, interval);
            if (ended != null) {
                out.println("Sync job " + job.getJobID() + " ended " + ended);
                return ended;
            }
            SyncJobs.Plan next;
            List<String> grown;
            try {
                next = SyncJobs.plan(definition);
                grown = grown(plan.targets(), next.targets());
            } catch (ValidationException e) {
                throw new ValidationException(e.getMessage() + " " + stopAfterAll(job), e);
            } catch (RuntimeException e) {
                // the source server unreachable for a moment: the job goes on, asked again later
                out.println("WARN: listing the sync's source failed, the job goes on: " + e);
                continue;
            }
            if (grown.isEmpty()) {
                continue;
            }
            out.println("The sync's source changed: " + String.join("; ", grown));
            String savepoint;
            try {
                savepoint = stop(job);
            } catch (ExecutionException notNow) {
                // e.g. the job restarting after a failure: the next listing tries again
                out.println(
                        "WARN: the job could not take a savepoint now, the next listing tries again: "
                                + notNow.getCause());
                continue;
            }
            SyncDdl.run(definition, next.targets(), out);
            job = runner.start(next.script(false), savepoint);
            out.println("Sync job " + job.getJobID() + " started from " + savepoint);
            plan = next;
        }
    }

    /**
     * Ends the job for good, with a savepoint where it can take one (a job failing on the same
     * change cannot): says how it ended.
     */
    private String stopAfterAll(JobClient job) {
        try {
            return "The job was stopped with savepoint " + stop(job) + ".";
        } catch (Exception noSavepoint) {
            try {
                job.cancel().get();
            } catch (Exception alreadyEnded) {
                // it ended meanwhile
            }
            return "The job could not take a savepoint ("
                    + noSavepoint.getClass().getSimpleName()
                    + ") and was canceled.";
        }
    }

    /** Stops the job with a savepoint (its sinks commit at it); the savepoint's path. */
    private String stop(JobClient job) throws Exception {
        String savepoint =
                job.stopWithSavepoint(
                                false,
                                definition.rescan().savepointDir(),
                                SavepointFormatType.CANONICAL)
                        .get();
        out.println("Job " + job.getJobID() + " stopped with savepoint " + savepoint);
        return savepoint;
    }

    /**
     * The job's status once it ended within {@code wait} (finished or canceled); null while it
     * runs. A failed job's failure is thrown.
     */
    @Nullable
    private static JobStatus awaitEnd(JobClient job, Duration wait) throws Exception {
        CompletableFuture<JobExecutionResult> result = job.getJobExecutionResult();
        try {
            result.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return JobStatus.FINISHED;
        } catch (TimeoutException running) {
            return null;
        } catch (ExecutionException e) {
            JobStatus status = job.getJobStatus().get();
            if (status == JobStatus.CANCELED) {
                return status;
            }
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    /**
     * What the next plan has that the running one lacks (new targets, new source tables of a
     * target, new columns), described; empty when nothing grew. A running target's column that the
     * next plan lacks or types otherwise fails.
     */
    static List<String> grown(List<TargetTable> running, List<TargetTable> next) {
        Map<ObjectPath, TargetTable> before = new LinkedHashMap<>();
        running.forEach(target -> before.put(target.path(), target));
        List<String> grown = new ArrayList<>();
        for (TargetTable target : next) {
            TargetTable old = before.get(target.path());
            if (old == null) {
                grown.add(
                        "new target "
                                + target.path().getFullName()
                                + " from "
                                + names(target.sources()));
                continue;
            }
            List<ObjectPath> sources = new ArrayList<>(target.sources());
            sources.removeAll(old.sources());
            if (!sources.isEmpty()) {
                grown.add("new tables " + names(sources) + " into " + target.path().getFullName());
            }
            Map<String, String> types = new LinkedHashMap<>();
            for (Column column : target.schema().getColumns()) {
                types.put(column.getName(), column.getDataType().toString());
            }
            for (Column column : old.schema().getColumns()) {
                String now = types.remove(column.getName());
                String was = column.getDataType().toString();
                if (!was.equals(now)) {
                    throw new ValidationException(
                            String.format(
                                    "Column '%s' of %s (from %s) %s at the source: the sync stops "
                                            + "and leaves the target as it is. Change the target by "
                                            + "hand and start the sync again.",
                                    column.getName(),
                                    target.path().getFullName(),
                                    names(old.sources()),
                                    now == null
                                            ? "was dropped or renamed"
                                            : "changed its type from " + was + " to " + now));
                }
            }
            if (!types.isEmpty()) {
                grown.add(
                        "new columns "
                                + types.keySet()
                                + " of "
                                + target.path().getFullName()
                                + " (from "
                                + names(target.sources())
                                + ")");
            }
        }
        return grown;
    }

    private static List<String> names(List<ObjectPath> paths) {
        return paths.stream().map(ObjectPath::getFullName).toList();
    }
}
