package org.flinkx.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.table.api.ValidationException;
import org.flinkx.connector.common.security.Secrets;
import org.flinkx.launcher.json.JsonJobTranslator;
import org.flinkx.sync.job.SyncJobs;

/**
 * {@code bin/flinkx}: runs a FlinkX job, a {@code .sql} file or an original FlinkX/ChunJun {@code
 * .json} job (translated into SQL by {@link JsonJobTranslator}), where {@code -mode} says. See
 * {@link LauncherOptions#USAGE} and {@code docs/launcher.md}.
 *
 * <p>A SQL file holds statements ended by {@code ;}:
 *
 * <ul>
 *   <li>{@code SET 'key' = 'value'} sets an option of the table configuration (unless the command
 *       line sets it);
 *   <li>{@code INSERT ...} and {@code EXECUTE STATEMENT SET BEGIN ... END} start a job and wait for
 *       it to end, printing its id, web UI address and progress (rows, rows/s, bytes, dirty rows
 *       per source and sink) on stderr, then a summary;
 *   <li>{@code SELECT ...} prints its final rows (at most 100), sorted unless it has an {@code
 *       ORDER BY}. A comment {@code -- expect: <integer>} right before it makes it a check: its
 *       result must be that single integer value;
 *   <li>any other statement ({@code CREATE}, {@code DROP}, {@code SHOW}, ...) is run as it is.
 * </ul>
 *
 * <p>{@code ${name}} anywhere in the job file is replaced by {@code -Dname=value}, else the system
 * property {@code name}, else the environment variable {@code name}; an unset one is an error.
 *
 * <p>The exit code is 0 when every statement succeeded and every check passed, 1 when one did not
 * (its cause first, on one line, then with {@code --verbose} its stack trace), 2 for a wrong
 * command line or job file.
 */
@Internal
public final class Flinkx {

    private static final int STATEMENT_ECHO_LENGTH = 100;
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)}");

    private Flinkx() {}

    public static void main(String[] args) {
        int code;
        try {
            code = run(args, System.out, System.err, System.getenv());
        } catch (Throwable t) {
            System.err.println("ERROR: " + t);
            code = 1;
        }
        System.exit(code);
    }

    /** Runs the command line {@code args} and returns its exit code. */
    static int run(
            String[] args, PrintStream out, PrintStream err, Map<String, String> environment) {
        LauncherOptions options;
        List<String> warnings = new ArrayList<>();
        String script;
        String supervisedSync = null; // the text of a sync definition bin/flinkx follows
        FlinkConfig config;
        try {
            options = LauncherOptions.parse(args);
            String text = jobText(options, environment);
            if (!options.explain() && options.isSyncDefinition(text) && supervised(options, text)) {
                supervisedSync = text;
                script = "";
            } else {
                script = jobScript(options, text, warnings, out);
            }
            config = FlinkConfig.of(options, environment, warnings);
        } catch (LauncherOptions.UsageException e) {
            err.println("ERROR: " + e.getMessage());
            err.println(LauncherOptions.USAGE);
            return 2;
        } catch (IOException | ScriptException e) {
            err.println("ERROR: " + rootCause(e));
            return 2;
        }
        warnings.forEach(warning -> err.println("WARN: " + warning));
        if (options.explain()) {
            out.println(script);
            return 0;
        }
        List<SqlStatement> statements;
        try {
            statements = statements(script);
        } catch (ScriptException e) {
            err.println("ERROR: " + options.job() + ": " + e.getMessage());
            return 2;
        }
        if (supervisedSync != null && options.mode().isApplication()) {
            err.println(
                    "ERROR: "
                            + options.job()
                            + ": 'rescan' needs bin/flinkx to follow the sync while it runs: "
                            + "run it with -mode local or standalone, or leave 'rescan' out.");
            return 2;
        }
        if (options.mode().isApplication()) {
            try {
                ApplicationLauncher.deploy(options.mode(), config.configuration(), script, out);
                return 0;
            } catch (Exception e) {
                return fail(
                        options.verbose(), err, "cannot deploy on " + options.mode().cliName(), e);
            }
        }
        try (FlinkSession session = FlinkSession.open(options.mode(), config.configuration())) {
            StatementExecutor executor =
                    new StatementExecutor(
                            session,
                            ProgressReporter.Mode.of(options.progress()),
                            out,
                            err,
                            config.commandLine());
            if (supervisedSync != null) {
                JobStatus status =
                        SupervisedSync.run(supervisedSync, session, config.commandLine(), out, err);
                if (status != JobStatus.FINISHED) {
                    err.println("ERROR: the sync job ended " + status);
                    return 1;
                }
                out.println("OK: the sync job finished");
                return 0;
            }
            return execute(statements, executor, out, err, options.verbose());
        } catch (Exception e) {
            return fail(
                    options.verbose(),
                    err,
                    "cannot run on Flink (" + options.mode().cliName() + ")",
                    e);
        }
    }

    /** Runs every statement; the exit code. */
    static int execute(
            List<SqlStatement> statements,
            StatementExecutor executor,
            PrintStream out,
            PrintStream err,
            boolean verbose) {
        for (SqlStatement statement : statements) {
            out.println("[line " + statement.line() + "] " + echo(statement.sql()));
            try {
                executor.execute(statement);
            } catch (Exception e) {
                return fail(verbose, err, "statement at line " + statement.line() + " failed", e);
            }
        }
        out.println(
                "OK: " + Formats.count(statements.size(), "statement") + ", " + executor.summary());
        return 0;
    }

    /** The job file's text with its variables replaced. */
    private static String jobText(LauncherOptions options, Map<String, String> environment)
            throws IOException, ScriptException {
        Function<String, String> variables =
                name ->
                        options.variables()
                                .getOrDefault(
                                        name, System.getProperty(name, environment.get(name)));
        return substitute(Files.readString(options.job()), variables);
    }

    /** Whether the sync definition is one bin/flinkx follows while it runs ('rescan'). */
    private static boolean supervised(LauncherOptions options, String text) throws ScriptException {
        try {
            return SyncJobs.supervised(text);
        } catch (ValidationException e) {
            throw new ScriptException(options.job() + ": " + e.getMessage());
        }
    }

    /** The job's SQL: the file's text, translated when it is a JSON job or a sync definition. */
    private static String jobScript(
            LauncherOptions options, String text, List<String> warnings, PrintStream out)
            throws IOException, ScriptException {
        if (options.isSyncDefinition(text)) {
            try {
                return SyncJobs.script(text, options.explain(), out);
            } catch (ValidationException e) {
                throw new ScriptException(options.job() + ": " + e.getMessage());
            }
        }
        if (!options.isJsonJob()) {
            return text;
        }
        try {
            // --explain prints the SQL: without the passwords
            return JsonJobTranslator.translate(text, warnings, options.explain());
        } catch (IllegalArgumentException e) {
            throw new ScriptException(options.job() + ": " + e.getMessage());
        }
    }

    static List<SqlStatement> statements(String script) throws ScriptException {
        List<SqlStatement> statements = SqlStatementSplitter.split(script);
        for (SqlStatement statement : statements) {
            if (statement.expected().isPresent() && !StatementExecutor.isQuery(statement)) {
                throw new ScriptException(
                        "line "
                                + statement.line()
                                + ": '-- expect:' must come right before a SELECT");
            }
        }
        return statements;
    }

    /** Replaces {@code ${name}} with {@code variables.apply(name)}; an unset one is an error. */
    static String substitute(String script, Function<String, String> variables)
            throws ScriptException {
        Matcher m = VARIABLE.matcher(script);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = variables.apply(name);
            if (value == null) {
                long line =
                        script.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
                throw new ScriptException(
                        "line "
                                + line
                                + ": ${"
                                + name
                                + "} is not set; pass -D"
                                + name
                                + "=... or set the environment variable "
                                + name);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The statement's first line, shortened, with the values of password options masked. */
    static String echo(String sql) {
        String line = sql.lines().findFirst().orElse("");
        boolean more = line.length() < sql.length();
        String first = Secrets.maskSql(line);
        if (first.length() > STATEMENT_ECHO_LENGTH) {
            first = first.substring(0, STATEMENT_ECHO_LENGTH);
            more = true;
        }
        return more ? first + " ..." : first;
    }

    private static int fail(boolean verbose, PrintStream err, String what, Throwable error) {
        err.println("ERROR: " + what + ": " + rootCause(error));
        if (verbose) {
            error.printStackTrace(err);
        } else {
            err.println("(run with --verbose for the stack trace)");
        }
        return 1;
    }

    /**
     * The first line of the innermost cause's message, after the cause's class unless it is a
     * {@link ScriptException}.
     */
    static String rootCause(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message =
                root.getMessage() == null ? "" : root.getMessage().lines().findFirst().orElse("");
        return root instanceof ScriptException
                ? message
                : root.getClass().getSimpleName() + ": " + message;
    }
}
