package org.flinkx.launcher;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Prints a running job's progress until closed: on a terminal one line, rewritten each second, with
 * the rows read and written, rows/s and dirty rows; in a file or pipe every 5 seconds a line per
 * source and sink with its rows, rows/s, bytes and dirty rows. It polls the job each second in
 * every mode: a REST endpoint refreshes its metrics only when asked for them.
 */
final class ProgressReporter implements AutoCloseable {

    /** How progress is shown. */
    enum Mode {
        /** One line, rewritten each second: the output is a terminal. */
        TERMINAL(1),
        /** Lines per source and sink each 5 seconds: the output is a file or a pipe. */
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
            Executors.newSingleThreadScheduledExecutor(
                    task -> {
                        Thread thread = new Thread(task, "flinkx-progress");
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
        JobStats now;
        try {
            now = stats.call();
        } catch (Exception e) {
            return; // a missed poll; the next one may succeed
        }
        if (++polls % mode.printEverySeconds == 0) {
            print(elapsed, now);
        }
    }

    private void print(Duration elapsed, JobStats now) {
        if (mode == Mode.TERMINAL) {
            String line =
                    String.format(
                            "  %s elapsed, %s read, %s written, %s rows/s%s",
                            Formats.duration(elapsed),
                            Formats.count(now.read(), "row"),
                            Formats.count(now.rows(), "row"),
                            Formats.rate(now.rows(), elapsed),
                            now.dirty() > 0 ? ", " + Formats.count(now.dirty(), "dirty row") : "");
            out.print("\r" + line + " ".repeat(Math.max(0, lineLength - line.length())));
            lineLength = line.length();
        } else {
            out.println("  " + Formats.duration(elapsed) + " elapsed");
            out.println(now.progress("    ", elapsed));
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
