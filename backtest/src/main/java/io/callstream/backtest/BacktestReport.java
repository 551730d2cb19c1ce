package io.callstream.backtest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.callstream.enrich.alerts.AlertRule;

/**
 * Everything a backtest's files are written from: the corpus as read, the run, and, with two rule sets, how their
 * alerts differ. Holds no wall-clock time, so the files are the same on every run of the same corpus and rules,
 * whatever the number of workers.
 *
 * @param comparison null with a single rule set
 */
public record BacktestReport(Corpus corpus, List<RuleSet> ruleSets, Backtest.Run run, AlertComparison comparison) {

    public BacktestReport {
        ruleSets = List.copyOf(ruleSets);
    }

    public static BacktestReport of(Corpus corpus, List<RuleSet> ruleSets, Backtest.Run run) {
        AlertComparison comparison = ruleSets.size() < 2 ? null : AlertComparison.of(run.reports(),
                ruleSets.get(0).label(), ruleSets.get(1).label(), ruleIds(ruleSets));
        return new BacktestReport(corpus, ruleSets, run, comparison);
    }

    /** Every rule id of every rule set, in file order, the first set's first. */
    public static List<String> ruleIds(List<RuleSet> ruleSets) {
        Set<String> ids = new LinkedHashSet<>();
        ruleSets.forEach(r -> r.options().rules().rules().stream().map(AlertRule::id).forEach(ids::add));
        return new ArrayList<>(ids);
    }

    /** The rule ids of one rule set, in file order. */
    public static List<String> ruleIds(RuleSet ruleSet) {
        return ruleSet.options().rules().rules().stream().map(AlertRule::id).toList();
    }

    /** Alerts of rule set {@code label} that rule {@code ruleId} raised, over the whole corpus. */
    public long alertCount(String label, String ruleId) {
        return run.reports().stream().flatMap(r -> r.alerts(label).stream())
                .filter(a -> a.getRuleId().equals(ruleId)).count();
    }

    public long lines() {
        return run.reports().stream().mapToLong(CallReport::lines).sum();
    }
}
