package org.flinkx.launcher;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The command line of {@code bin/flinkx}, in the original FlinkX's spelling ({@code -mode}, {@code
 * -job}, {@code -confProp}, {@code -s}); every option may also be written with two dashes.
 *
 * @param confProp the JSON object of {@code -confProp}: Flink settings, see {@link ConfProps}
 * @param variables {@code -Dname=value}: values for {@code ${name}} in the job file
 */
record LauncherOptions(
        Path job,
        Mode mode,
        String confProp,
        OptionalInt parallelism,
        Optional<String> savepoint,
        Optional<Path> flinkConfDir,
        Optional<Path> hadoopConfDir,
        boolean explain,
        boolean progress,
        boolean verbose,
        Map<String, String> variables) {

    static final String USAGE =
            String.join(
                    "\n",
                    "Usage: flinkx -job <file.sql | file.json | sync.yaml> [options]",
                    "  -mode <mode>            " + Mode.allowed() + " (default: local)",
                    "  -confProp '<json>'      Flink settings, e.g. '{\"execution.checkpointing.interval\": \"10s\"}'",
                    "                          (the original FlinkX's flink.checkpoint.* keys are understood)",
                    "  -p <n>                  default parallelism",
                    "  -s <path>               restore from this savepoint or retained checkpoint",
                    "  -flinkConfDir <dir>     Flink's conf/ (default: $FLINK_CONF_DIR, else $FLINK_HOME/conf)",
                    "  -hadoopConfDir <dir>    Hadoop's configuration (default: $HADOOP_CONF_DIR)",
                    "  -Dname=value            value of ${name} in the job file (else the environment variable)",
                    "  --explain               print the SQL the job runs, run nothing",
                    "  --no-progress           no progress lines while a job runs",
                    "  --verbose               stack traces of failures");

    private static final List<String> OPTIONS =
            List.of(
                    "-mode",
                    "-job",
                    "-confProp",
                    "-p",
                    "-parallelism",
                    "-s",
                    "-flinkConfDir",
                    "-hadoopConfDir",
                    "-D<name>=<value>",
                    "--explain",
                    "--no-progress",
                    "--verbose");

    /** A command line that cannot be run; its message says why. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    static LauncherOptions parse(String... args) throws UsageException {
        Path job = null;
        Mode mode = Mode.LOCAL;
        String confProp = "{}";
        OptionalInt parallelism = OptionalInt.empty();
        Optional<String> savepoint = Optional.empty();
        Optional<Path> flinkConfDir = Optional.empty();
        Optional<Path> hadoopConfDir = Optional.empty();
        boolean explain = false;
        boolean progress = true;
        boolean verbose = false;
        Map<String, String> variables = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("-D") && arg.length() > 2) {
                int equals = arg.indexOf('=');
                if (equals < 0) {
                    throw new UsageException("'" + arg + "' must be -Dname=value");
                }
                variables.put(arg.substring(2, equals), arg.substring(equals + 1));
                continue;
            }
            String option = arg.startsWith("--") ? arg.substring(1) : arg;
            switch (option) {
                case "-mode" -> mode = Mode.of(value(args, ++i, arg));
                case "-job" -> job = Path.of(value(args, ++i, arg));
                case "-confProp" -> confProp = value(args, ++i, arg);
                case "-p", "-parallelism" ->
                        parallelism = OptionalInt.of(positive(value(args, ++i, arg), arg));
                case "-s" -> savepoint = Optional.of(value(args, ++i, arg));
                case "-flinkConfDir" -> flinkConfDir = Optional.of(Path.of(value(args, ++i, arg)));
                case "-hadoopConfDir" ->
                        hadoopConfDir = Optional.of(Path.of(value(args, ++i, arg)));
                case "-explain" -> explain = true;
                case "-no-progress" -> progress = false;
                case "-verbose" -> verbose = true;
                default ->
                        throw new UsageException(
                                "unknown option '"
                                        + arg
                                        + "'; the options are "
                                        + String.join(", ", OPTIONS));
            }
        }
        if (job == null) {
            throw new UsageException("no job given: -job <file.sql | file.json>");
        }
        return new LauncherOptions(
                job,
                mode,
                confProp,
                parallelism,
                savepoint,
                flinkConfDir,
                hadoopConfDir,
                explain,
                progress,
                verbose,
                Map.copyOf(variables));
    }

    /** Whether the job file is a FlinkX/ChunJun JSON job rather than SQL. */
    /**
     * Whether the job file is a whole-database sync definition: a {@code .yaml} or {@code .yml}
     * file, or a {@code .json} file whose top level has {@code source} and {@code sink} (an
     * original FlinkX job has {@code job}).
     */
    boolean isSyncDefinition(String text) {
        String name = job.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return true;
        }
        if (!isJsonJob()) {
            return false;
        }
        try {
            com.fasterxml.jackson.databind.JsonNode top =
                    new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
            return top != null && top.has("source") && top.has("sink") && !top.has("job");
        } catch (java.io.IOException e) {
            return false; // the JSON job's translator names what is wrong
        }
    }

    boolean isJsonJob() {
        return job.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".json");
    }

    private static String value(String[] args, int index, String option) throws UsageException {
        if (index >= args.length) {
            throw new UsageException(option + " needs a value");
        }
        return args[index];
    }

    private static int positive(String value, String option) throws UsageException {
        try {
            int number = Integer.parseInt(value);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(option + " expects a positive integer, not '" + value + "'");
    }
}
