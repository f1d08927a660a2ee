package org.flinkx.examples;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Prints a running job's elapsed time, rows written so far and rows/s, until closed. It polls the
 * job each second in every mode: a REST endpoint refreshes its metrics only when asked for them.
 */
final class ProgressReporter implements AutoCloseable {

    /** How progress is shown. */
    enum Mode {
        /** One line, rewritten each second: the output is a terminal. */
        TERMINAL(1),
        /** A new line each 5 seconds: the output is a file or a pipe. */
        LOG(5),
        /** Nothing. */
        OFF(0);

        private final int printEverySeconds;

        Mode(int printEverySeconds) {
            this.printEverySeconds = printEverySeconds;
        }

        static Mode of(boolean enabled) {
            if (!enabled) {
                return OFF;
            }
            return System.console() != null ? TERMINAL : LOG;
        }
    }

    private final Mode mode;
    private final Callable<JobStats> stats;
    private final PrintStream out;
    private final long startNanos = System.nanoTime();
    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "sql-runner-progress");
                thread.setDaemon(true);
                return thread;
            });
    private int polls;
    private int lineLength;

    private ProgressReporter(Mode mode, Callable<JobStats> stats, PrintStream out) {
        this.mode = mode;
        this.stats = stats;
        this.out = out;
    }

    /** Starts reporting on {@code out} what {@code stats} returns, as {@code mode} says. */
    static ProgressReporter start(Mode mode, Callable<JobStats> stats, PrintStream out) {
        ProgressReporter reporter = new ProgressReporter(mode, stats, out);
        if (mode != Mode.OFF) {
            reporter.scheduler.scheduleAtFixedRate(reporter::poll, 1, 1, TimeUnit.SECONDS);
        }
        return reporter;
    }

    private void poll() {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
        long rows;
        try {
            rows = stats.call().rows();
        } catch (Exception e) {
            return; // a missed poll; the next one may succeed
        }
        if (++polls % mode.printEverySeconds == 0) {
            print(elapsed, rows);
        }
    }

    private void print(Duration elapsed, long rows) {
        String line = String.format(
                "  %s elapsed, %s written, %s rows/s",
                Formats.duration(elapsed), Formats.count(rows, "row"), Formats.rate(rows, elapsed));
        if (mode == Mode.TERMINAL) {
            out.print("\r" + line + " ".repeat(Math.max(0, lineLength - line.length())));
            lineLength = line.length();
        } else {
            out.println(line);
        }
        out.flush();
    }

    @Override
    public void close() throws InterruptedException {
        scheduler.shutdownNow();
        scheduler.awaitTermination(5, TimeUnit.SECONDS);
        if (lineLength > 0) {
            out.print("\r" + " ".repeat(lineLength) + "\r");
            out.flush();
        }
    }
}
