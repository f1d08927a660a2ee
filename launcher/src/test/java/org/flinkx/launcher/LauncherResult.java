package org.flinkx.launcher;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** What {@code bin/flinkx} gave for a command line, run in this JVM: exit code, stdout, stderr. */
final class LauncherResult {

    final int code;
    final String out;
    final String err;

    private LauncherResult(int code, String out, String err) {
        this.code = code;
        this.out = out;
        this.err = err;
    }

    /** Runs {@link Flinkx#run} with these arguments and environment variables. */
    static LauncherResult run(Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code =
                Flinkx.run(
                        args,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        environment);
        return new LauncherResult(
                code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Stdout and stderr, for a failed assertion's message. */
    String text() {
        return out + err;
    }
}
