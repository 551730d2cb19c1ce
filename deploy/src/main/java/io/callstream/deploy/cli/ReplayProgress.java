package io.callstream.deploy.cli;

import java.io.PrintWriter;
import java.time.Duration;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a replay: a progress bar with lines per second on a terminal; elsewhere (CI, a pipe to a log) a
 * plain line at every tenth, which a log keeps readable where a redrawn bar would not.
 */
final class ReplayProgress implements AutoCloseable {

    private final long total;
    private final ProgressBar bar;
    private final PrintWriter log;
    private final long startNanos = System.nanoTime();
    private long done;
    private long nextReport;

    ReplayProgress(String task, long total, boolean terminal, PrintWriter log) {
        this.total = total;
        this.log = log;
        this.bar = terminal ? new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setUnit(" lines", 1).showSpeed().setUpdateIntervalMillis(200).build()
                : null;
        this.nextReport = Math.max(1, total / 10);
        if (bar == null) {
            log.printf("%s: %d lines%n", task, total);
        }
    }

    static boolean onTerminal() {
        return System.console() != null;
    }

    void step(String detail) {
        advance(1, detail, "");
    }

    /**
     * Counts {@code lines} done at once (a backtest finishes a whole call at a time), with {@code note} beside the bar
     * or at the end of the plain line.
     */
    void step(long lines, String note) {
        advance(lines, note, ", " + note);
    }

    private void advance(long lines, String detail, String plainSuffix) {
        done += lines;
        if (bar != null) {
            bar.stepBy(lines);
            bar.setExtraMessage(detail);
        } else if (done >= nextReport || done == total) {
            log.printf("  %d/%d lines (%d%%), %.0f lines/s%s%n", done, total, 100 * done / Math.max(1, total), rate(),
                    plainSuffix);
            log.flush();
            nextReport = done + Math.max(1, total / 10);
        }
    }

    double rate() {
        double seconds = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
        return done / seconds;
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
