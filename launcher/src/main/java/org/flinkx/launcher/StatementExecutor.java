package org.flinkx.launcher;

import java.io.PrintStream;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.table.api.ResultKind;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;

/**
 * Runs statements in a {@link FlinkSession}: applies {@code SET} (unless the command line sets the
 * same key), waits for each {@code INSERT} or {@code EXECUTE} job while showing its progress,
 * prints query results and checks their {@code -- expect:} values. Statement results go to {@code
 * out}, progress to {@code err}.
 */
final class StatementExecutor {

    /** How many rows of a query are printed. */
    static final int SHOWN_ROWS = 100;

    /** How long an ended job's result or status may take to arrive. */
    private static final long RESULT_TIMEOUT_SECONDS = 30;

    private static final Set<String> JOB_KEYWORDS = Set.of("INSERT", "EXECUTE");
    private static final Set<String> QUERY_KEYWORDS = Set.of("SELECT", "WITH", "VALUES");
    private static final Pattern SET =
            Pattern.compile(
                    "SET\\s+'((?:[^']|'')+)'\\s*=\\s*'((?:[^']|'')*)'",
                    Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private static final Pattern ORDER_BY =
            Pattern.compile("\\bORDER\\s+BY\\b", Pattern.CASE_INSENSITIVE);

    private final FlinkSession session;
    private final ProgressReporter.Mode progress;
    private final PrintStream out;
    private final PrintStream err;
    private final java.util.Map<String, String> commandLine;
    private int jobs;
    private int checks;

    StatementExecutor(
            FlinkSession session,
            ProgressReporter.Mode progress,
            PrintStream out,
            PrintStream err,
            java.util.Map<String, String> commandLine) {
        this.session = session;
        this.commandLine = commandLine;
        this.progress = progress;
        this.out = out;
        this.err = err;
    }

    /** Whether the statement returns rows, so that an {@code -- expect:} value can apply to it. */
    static boolean isQuery(SqlStatement statement) {
        return QUERY_KEYWORDS.contains(statement.keyword());
    }

    void execute(SqlStatement statement) throws Exception {
        String keyword = statement.keyword();
        if (keyword.equals("SET")) {
            set(statement.sql());
        } else if (JOB_KEYWORDS.contains(keyword)) {
            runJob(statement.sql());
        } else {
            TableResult result = tableEnv().executeSql(statement.sql());
            if (result.getResultKind() == ResultKind.SUCCESS_WITH_CONTENT) {
                printRows(result, statement);
            }
        }
    }

    /** E.g. {@code 2 jobs, 1 check passed}. */
    String summary() {
        return Formats.count(jobs, "job") + ", " + Formats.count(checks, "check") + " passed";
    }

    private void set(String sql) throws ScriptException {
        set(sql, tableEnv(), commandLine, err);
    }

    /**
     * Applies {@code SET 'key' = 'value'} to {@code tableEnv}, unless the command line sets the key
     * (then says so on {@code err}).
     */
    static void set(
            String sql,
            TableEnvironment tableEnv,
            java.util.Map<String, String> commandLine,
            PrintStream err)
            throws ScriptException {
        Matcher set = SET.matcher(sql);
        if (!set.matches()) {
            throw new ScriptException("expected SET 'key' = 'value'");
        }
        String key = unquote(set.group(1));
        if (commandLine.containsKey(key)) {
            err.println(
                    "NOTE: SET '"
                            + key
                            + "' is ignored: the command line sets it to '"
                            + commandLine.get(key)
                            + "'");
            return;
        }
        tableEnv.getConfig().set(key, unquote(set.group(2)));
    }

    private void runJob(String sql) throws Exception {
        TableResult result = tableEnv().executeSql(sql);
        JobClient client =
                result.getJobClient()
                        .orElseThrow(
                                () -> new IllegalStateException("the statement started no job"));
        JobID jobId = client.getJobID();
        out.println(
                "Job "
                        + jobId
                        + " submitted"
                        + session.webUrl(jobId).map(url -> ": " + url).orElse(""));
        out.flush();
        Exception failure;
        ProgressReporter.Mode shown = session.monitored() ? progress : ProgressReporter.Mode.OFF;
        try (ProgressReporter ignored =
                ProgressReporter.start(shown, () -> session.jobStats(jobId).orElseThrow(), err)) {
            failure = awaitEnd(client);
        }
        var stats = session.finalJobStats(jobId);
        stats.ifPresent(s -> out.println(s.summary()));
        JobStatus status = stats.map(JobStats::status).orElse(client.getJobStatus().get());
        if (failure == null && status != JobStatus.FINISHED) {
            failure = new ScriptException("the job ended " + status);
        }
        if (failure != null) {
            throw failure;
        }
        jobs++;
    }

    /**
     * Waits until the job ends and returns why it failed, or null when it finished. It asks the
     * cluster for the job's status each second too, so that it does not wait on a result that never
     * comes for a job that has ended.
     */
    private static Exception awaitEnd(JobClient client) throws Exception {
        CompletableFuture<JobExecutionResult> result = client.getJobExecutionResult();
        while (true) {
            try {
                result.get(1, TimeUnit.SECONDS);
                return null;
            } catch (ExecutionException e) {
                return e;
            } catch (TimeoutException stillRunning) {
                JobStatus status =
                        client.getJobStatus().get(RESULT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                if (status.isGloballyTerminalState()) {
                    try {
                        result.get(RESULT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                        return null;
                    } catch (ExecutionException e) {
                        return e;
                    } catch (TimeoutException noResult) {
                        return status == JobStatus.FINISHED
                                ? null
                                : new ScriptException("the job ended " + status);
                    }
                }
            }
        }
    }

    private void printRows(TableResult result, SqlStatement statement) throws Exception {
        OptionalLong expected = statement.expected();
        ResultTable table = ResultTable.collect(result);
        if (!ORDER_BY.matcher(statement.sql()).find()) {
            table.sort();
        }
        table.print(out, SHOWN_ROWS);
        if (expected.isEmpty()) {
            return;
        }
        OptionalLong actual = table.singleInteger();
        if (actual.isEmpty()) {
            throw new ScriptException(
                    "expected "
                            + expected.getAsLong()
                            + " but the query's result is not a single integer value ("
                            + Formats.count(table.size(), "row")
                            + ")");
        }
        if (actual.getAsLong() != expected.getAsLong()) {
            throw new ScriptException(
                    "expected "
                            + expected.getAsLong()
                            + " but the query returned "
                            + actual.getAsLong());
        }
        out.println("check passed: " + actual.getAsLong());
        checks++;
    }

    private TableEnvironment tableEnv() {
        return session.tableEnv();
    }

    private static String unquote(String text) {
        return text.replace("''", "'");
    }
}
