package org.flinkx.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.List;

/**
 * Runs the statements of a {@code .sql} file, one after another, on Flink.
 *
 * <pre>
 * SqlRunner &lt;file.sql&gt; [--remote host:port] [--parallelism N] [--checkpoint-interval 5s]
 *           [--no-progress] [--verbose]
 * </pre>
 *
 * <p>Jobs run on a MiniCluster started in this JVM, or with {@code --remote} on the running Flink
 * cluster whose REST endpoint is {@code host:port}. The file holds statements ended by {@code ;}:
 *
 * <ul>
 *   <li>{@code SET 'key' = 'value'} sets an option of the table configuration;
 *   <li>{@code INSERT ...} and {@code EXECUTE STATEMENT SET BEGIN ... END} start a job and wait for
 *       it to end, printing its progress (elapsed time, rows written, rows/s) on stderr, then a
 *       summary line: job name and id, final status, duration, rows and rows/s;
 *   <li>{@code SELECT ...} prints its final rows (at most 100). A comment
 *       {@code -- expect: <integer>} right before it makes it a check: its result must be that
 *       single integer value;
 *   <li>any other statement ({@code CREATE}, {@code DROP}, {@code SHOW}, ...) is run as it is.
 * </ul>
 *
 * <p>{@code ${name}} anywhere in the file is replaced by the system property {@code name} ({@code
 * -Dname=...}) or else the environment variable {@code name}; an unset one is an error.
 *
 * <p>The exit code is 0 when every statement succeeded and every check passed, 1 when one did
 * not (its cause is printed on one line, and its stack trace with {@code --verbose}), and 2 for a
 * wrong command line.
 */
public final class SqlRunner {

    private static final int STATEMENT_ECHO_LENGTH = 100;

    private SqlRunner() {}

    public static void main(String[] args) {
        int code;
        try {
            code = run(args, System.out, System.err);
        } catch (Throwable t) {
            System.err.println("ERROR: " + t);
            code = 1;
        }
        System.exit(code);
    }

    /** Runs the command line {@code args} and returns its exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        RunnerOptions options;
        try {
            options = RunnerOptions.parse(args);
        } catch (RunnerOptions.UsageException e) {
            err.println("ERROR: " + e.getMessage());
            err.println(RunnerOptions.USAGE);
            return 2;
        }
        List<SqlStatement> statements;
        try {
            statements = readStatements(options);
        } catch (IOException | ScriptException e) {
            return fail(options, err, "cannot run " + options.script(), e);
        }
        try (FlinkSession session = FlinkSession.open(options)) {
            StatementExecutor executor = new StatementExecutor(
                    session, ProgressReporter.Mode.of(options.progress()), out, err);
            for (SqlStatement statement : statements) {
                out.println("[line " + statement.line() + "] " + echo(statement.sql()));
                try {
                    executor.execute(statement);
                } catch (Exception e) {
                    String what = "statement at line " + statement.line() + " failed";
                    return fail(options, err, what, e);
                }
            }
            out.println("OK: " + Formats.count(statements.size(), "statement") + ", "
                    + executor.summary());
            return 0;
        } catch (Exception e) {
            return fail(options, err, "cannot run on Flink", e);
        }
    }

    private static List<SqlStatement> readStatements(RunnerOptions options)
            throws IOException, ScriptException {
        String script = substitute(Files.readString(options.script()));
        List<SqlStatement> statements = SqlStatementSplitter.split(script);
        for (SqlStatement statement : statements) {
            if (statement.expected().isPresent() && !StatementExecutor.isQuery(statement)) {
                throw new ScriptException("line " + statement.line()
                        + ": '-- expect:' must come right before a SELECT");
            }
        }
        return statements;
    }

    private static final java.util.regex.Pattern VARIABLE =
            java.util.regex.Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)}");

    /**
     * Replaces {@code ${name}} with the system property {@code name} (given as {@code -Dname=...}),
     * else the environment variable {@code name}.
     */
    static String substitute(String script) throws ScriptException {
        java.util.regex.Matcher m = VARIABLE.matcher(script);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = System.getProperty(name, System.getenv(name));
            if (value == null) {
                long line = script.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
                throw new ScriptException("line " + line + ": ${" + name + "} is not set; pass -D"
                        + name + "=... to the JVM or set the environment variable " + name);
            }
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The statement's first line, shortened. */
    private static String echo(String sql) {
        String first = sql.lines().findFirst().orElse("");
        boolean more = first.length() < sql.length();
        if (first.length() > STATEMENT_ECHO_LENGTH) {
            first = first.substring(0, STATEMENT_ECHO_LENGTH);
            more = true;
        }
        return more ? first + " ..." : first;
    }

    private static int fail(RunnerOptions options, PrintStream err, String what, Throwable error) {
        err.println("ERROR: " + what + ": " + rootCause(error));
        if (options.verbose()) {
            error.printStackTrace(err);
        }
        return 1;
    }

    /**
     * The first line of the innermost cause's message, after the cause's class unless it is a
     * {@link ScriptException}.
     */
    private static String rootCause(Throwable error) {
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
