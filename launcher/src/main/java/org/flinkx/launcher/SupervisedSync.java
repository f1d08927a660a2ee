package org.flinkx.launcher;

import java.io.PrintStream;
import java.util.Map;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.table.api.TableEnvironment;
import org.flinkx.sync.definition.SyncDefinitions;
import org.flinkx.sync.job.SyncSupervisor;

/**
 * {@code bin/flinkx} running a continuous sync definition with {@code rescan}: the {@link
 * SyncSupervisor} follows the source, and each of its jobs is submitted to the session's cluster
 * from a table environment of its own (the script declares its tables again), restored from the
 * last job's savepoint without claiming the state its new operators do not have.
 */
final class SupervisedSync {

    private SupervisedSync() {}

    /** Runs the sync until its job ends; the job's final status (finished or canceled). */
    static JobStatus run(
            String definitionText,
            FlinkSession session,
            Map<String, String> commandLine,
            PrintStream out,
            PrintStream err)
            throws Exception {
        SyncSupervisor.Runner runner =
                (script, savepoint) -> {
                    TableEnvironment tableEnv =
                            session.newTableEnv(
                                    savepoint == null
                                            ? Map.of()
                                            : Map.of(
                                                    StateRecoveryOptions.SAVEPOINT_PATH.key(),
                                                    savepoint,
                                                    StateRecoveryOptions
                                                            .SAVEPOINT_IGNORE_UNCLAIMED_STATE
                                                            .key(),
                                                    "true"));
                    JobClient job = null;
                    for (SqlStatement statement : Flinkx.statements(script)) {
                        if (statement.keyword().equals("SET")) {
                            StatementExecutor.set(statement.sql(), tableEnv, commandLine, err);
                        } else if (statement.keyword().equals("EXECUTE")) {
                            job = tableEnv.executeSql(statement.sql()).getJobClient().orElseThrow();
                            out.println(
                                    "Job "
                                            + job.getJobID()
                                            + " submitted"
                                            + session.webUrl(job.getJobID())
                                                    .map(url -> ": " + url)
                                                    .orElse(""));
                        } else {
                            tableEnv.executeSql(statement.sql());
                        }
                    }
                    if (job == null) {
                        throw new ScriptException("the sync's script started no job");
                    }
                    return job;
                };
        return new SyncSupervisor(SyncDefinitions.parse(definitionText), runner, out).run();
    }
}
