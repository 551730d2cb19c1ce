package io.callstream.deploy.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import io.callstream.backtest.AlertComparison;
import io.callstream.backtest.BacktestReport;
import io.callstream.backtest.Corpus;
import io.callstream.backtest.RuleSet;

/** What {@code backtest} tells its user: what it read, what it is about to do, and what it found. */
final class BacktestSummary {

    private final PrintWriter out;

    BacktestSummary(PrintWriter out) {
        this.out = out;
    }

    private static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    void corpusRead(Corpus corpus, double seconds) {
        out.printf(Locale.ROOT, "Read %s (%,d lines) in %.1f s.%n", count(corpus.calls().size(), "call", "calls"),
                corpus.lines(), seconds);
        if (!corpus.twins().isEmpty()) {
            var twin = corpus.twins().get(0);
            out.printf("Left out %s holding a call already read from another file, e.g. %s (the same call as %s).%n",
                    count(corpus.twins().size(), "file", "files"), twin.skipped().getFileName(),
                    twin.kept().getFileName());
        }
        if (!corpus.skipped().isEmpty()) {
            out.printf("Skipped %s or lines that could not be read (listed on stderr and in skipped.csv).%n",
                    count(corpus.skipped().size(), "file", "files"));
        }
        out.flush();
    }

    void starting(Corpus corpus, List<RuleSet> ruleSets, int workers) {
        for (RuleSet r : ruleSets) {
            out.printf("Rules %s: %s%n", r.label(), r.describe());
        }
        out.printf("Backtesting %s on %s%s.%n", count(corpus.calls().size(), "call", "calls"),
                count(Math.min(workers, corpus.calls().size()), "worker", "workers"),
                ruleSets.size() > 1 ? ", each call once per rule set" : "");
        out.flush();
    }

    void finished(BacktestReport report, List<Path> written) {
        double seconds = Math.max(1e-3, report.run().elapsed().toNanos() / 1e9);
        int calls = report.run().reports().size();
        out.printf(Locale.ROOT, "%nBacktested %s, %,d lines in %.1f s: %,.0f lines/s, %.2f calls/s (%s started).%n",
                count(calls, "call", "calls"), report.lines(), seconds, report.lines() / seconds, calls / seconds,
                count(report.run().driversStarted(), "topology driver", "topology drivers"));
        List<RuleSet> sets = report.ruleSets();
        out.printf("%n%-34s", "alerts per rule");
        sets.forEach(r -> out.printf(" %8s", r.label()));
        out.println();
        for (String rule : BacktestReport.ruleIds(sets)) {
            out.printf("  %-32s", rule);
            sets.forEach(r -> out.printf(" %8d", report.alertCount(r.label(), rule)));
            out.println();
        }
        out.printf("  %-32s", "all");
        sets.forEach(r -> out.printf(" %8d", report.run().reports().stream()
                .mapToInt(c -> c.alerts(r.label()).size()).sum()));
        out.println();
        AlertComparison comparison = report.comparison();
        if (comparison != null) {
            int onlyA = 0;
            int onlyB = 0;
            int earlier = 0;
            int later = 0;
            int same = 0;
            for (AlertComparison.Tally t : comparison.byRule().values()) {
                onlyA += t.onlyA();
                onlyB += t.onlyB();
                earlier += t.earlier();
                later += t.later();
                same += t.same();
            }
            out.printf("%nB against A: %d only in A, %d only in B, %d earlier in B, %d later in B, %d the same.%n",
                    onlyA, onlyB, earlier, later, same);
        }
        int left = report.corpus().twins().size() + report.corpus().skipped().size() + report.run().failed().size();
        if (left > 0) {
            out.printf("%nLeft out (see skipped.csv): %s of calls read from another file, %s or lines that could not "
                            + "be read, %s that failed in the topology.%n",
                    count(report.corpus().twins().size(), "twin file", "twin files"),
                    count(report.corpus().skipped().size(), "file", "files"),
                    count(report.run().failed().size(), "call", "calls"));
        }
        out.printf("%nWrote %s%n", String.join(", ", written.stream().map(Path::toString).toList()));
        out.flush();
    }
}
