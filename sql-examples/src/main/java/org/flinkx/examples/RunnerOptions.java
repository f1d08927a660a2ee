package org.flinkx.examples;

import org.apache.flink.util.TimeUtils;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/** The command line of {@link SqlRunner}. */
record RunnerOptions(
        Path script,
        Optional<InetSocketAddress> remote,
        OptionalInt parallelism,
        Optional<Duration> checkpointInterval,
        boolean progress,
        boolean verbose) {

    static final String USAGE =
            "Usage: SqlRunner <file.sql> [--remote host:port] [--parallelism N]"
                    + " [--checkpoint-interval 5s] [--no-progress] [--verbose]";

    /** A command line that cannot be run; its message says why. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    static RunnerOptions parse(String... args) throws UsageException {
        Path script = null;
        Optional<InetSocketAddress> remote = Optional.empty();
        OptionalInt parallelism = OptionalInt.empty();
        Optional<Duration> checkpointInterval = Optional.empty();
        boolean progress = true;
        boolean verbose = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--remote" -> remote = Optional.of(hostAndPort(value(args, ++i, "--remote")));
                case "--parallelism" ->
                        parallelism = OptionalInt.of(positive(value(args, ++i, "--parallelism")));
                case "--checkpoint-interval" -> checkpointInterval =
                        Optional.of(duration(value(args, ++i, "--checkpoint-interval")));
                case "--no-progress" -> progress = false;
                case "--verbose" -> verbose = true;
                default -> {
                    if (args[i].startsWith("--") || script != null) {
                        throw new UsageException("unexpected argument '" + args[i] + "'");
                    }
                    script = Path.of(args[i]);
                }
            }
        }
        if (script == null) {
            throw new UsageException("no .sql file given");
        }
        return new RunnerOptions(
                script, remote, parallelism, checkpointInterval, progress, verbose);
    }

    private static String value(String[] args, int index, String option) throws UsageException {
        if (index >= args.length) {
            throw new UsageException(option + " needs a value");
        }
        return args[index];
    }

    private static InetSocketAddress hostAndPort(String value) throws UsageException {
        int colon = value.lastIndexOf(':');
        if (colon <= 0) {
            throw new UsageException("--remote expects host:port, not '" + value + "'");
        }
        String host = value.substring(0, colon);
        return InetSocketAddress.createUnresolved(host, positive(value.substring(colon + 1)));
    }

    private static int positive(String value) throws UsageException {
        try {
            int number = Integer.parseInt(value);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("expected a positive integer, not '" + value + "'");
    }

    private static Duration duration(String value) throws UsageException {
        try {
            return TimeUtils.parseDuration(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException("expected a duration such as 5s or 1min, not '" + value + "'");
        }
    }
}
