package io.callstream.backtest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.callstream.avro.Alert;

/**
 * How rule set B's alerts differ from A's, call by call. Alerts are matched by their id, which the topology makes
 * from the call, the rule and the turn ({@code callId/ruleId/turnIndex}; {@code callId/ruleId} for rules that fire
 * once per call): an alert with no match is only in A or only in B; a matched pair fires earlier or later in B when
 * its call time differs (or, at the same call time, its line's seq), and is the same otherwise.
 *
 * @param differences every alert only in A, only in B, or moved in B, by call (in corpus order), then call time
 * @param byRule      the counts per rule id, the rules of A first, then any only B has
 */
public record AlertComparison(List<Difference> differences, Map<String, Tally> byRule) {

    public enum Kind {
        ONLY_A("only-A"), ONLY_B("only-B"), EARLIER_IN_B("earlier-in-B"), LATER_IN_B("later-in-B");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One alert that differs; {@code a} or {@code b} is null where the alert is missing from that side. */
    public record Difference(Kind kind, Alert a, Alert b) {

        public Alert either() {
            return a != null ? a : b;
        }

        /** B's call time less A's (positive: later in B), or 0 where one side is missing. */
        public long differenceMs() {
            return a == null || b == null ? 0 : b.getCallOffsetMs() - a.getCallOffsetMs();
        }
    }

    /** Per rule: alerts only in A, only in B, earlier in B, later in B, and the same in both. */
    public record Tally(int onlyA, int onlyB, int earlier, int later, int same) {

        static final Tally NONE = new Tally(0, 0, 0, 0, 0);

        Tally plus(Kind kind) {
            return switch (kind) {
                case ONLY_A -> new Tally(onlyA + 1, onlyB, earlier, later, same);
                case ONLY_B -> new Tally(onlyA, onlyB + 1, earlier, later, same);
                case EARLIER_IN_B -> new Tally(onlyA, onlyB, earlier + 1, later, same);
                case LATER_IN_B -> new Tally(onlyA, onlyB, earlier, later + 1, same);
            };
        }

        Tally plusSame() {
            return new Tally(onlyA, onlyB, earlier, later, same + 1);
        }
    }

    public AlertComparison {
        differences = List.copyOf(differences);
        byRule = Collections.unmodifiableMap(new LinkedHashMap<>(byRule));
    }

    /** Compares the rule sets labelled {@code a} and {@code b}; {@code ruleIds} lists every rule of both, in order. */
    public static AlertComparison of(List<CallReport> reports, String a, String b, List<String> ruleIds) {
        List<Difference> differences = new ArrayList<>();
        Map<String, Tally> byRule = new LinkedHashMap<>();
        ruleIds.forEach(id -> byRule.put(id, Tally.NONE));
        for (CallReport report : reports) {
            Map<String, Alert> inA = byId(report.alerts(a));
            Map<String, Alert> inB = byId(report.alerts(b));
            List<Difference> call = new ArrayList<>();
            inA.forEach((id, alertA) -> {
                Alert alertB = inB.get(id);
                String rule = alertA.getRuleId();
                if (alertB == null) {
                    call.add(new Difference(Kind.ONLY_A, alertA, null));
                    count(byRule, rule, Kind.ONLY_A);
                } else {
                    int order = compareTime(alertA, alertB);
                    if (order == 0) {
                        byRule.put(rule, byRule.getOrDefault(rule, Tally.NONE).plusSame());
                    } else {
                        Kind kind = order > 0 ? Kind.EARLIER_IN_B : Kind.LATER_IN_B;
                        call.add(new Difference(kind, alertA, alertB));
                        count(byRule, rule, kind);
                    }
                }
            });
            inB.forEach((id, alertB) -> {
                if (!inA.containsKey(id)) {
                    call.add(new Difference(Kind.ONLY_B, null, alertB));
                    count(byRule, alertB.getRuleId(), Kind.ONLY_B);
                }
            });
            call.sort(Comparator.comparingLong((Difference d) -> d.either().getCallOffsetMs())
                    .thenComparingLong(d -> d.either().getKnownAtSeq())
                    .thenComparing(d -> d.either().getRuleId()));
            differences.addAll(call);
        }
        return new AlertComparison(differences, byRule);
    }

    private static void count(Map<String, Tally> byRule, String rule, Kind kind) {
        byRule.put(rule, byRule.getOrDefault(rule, Tally.NONE).plus(kind));
    }

    /** Positive when A's alert came later than B's: by call time, then by the seq of the line that fired it. */
    private static int compareTime(Alert a, Alert b) {
        int byTime = Long.compare(a.getCallOffsetMs(), b.getCallOffsetMs());
        return byTime != 0 ? byTime : Long.compare(a.getKnownAtSeq(), b.getKnownAtSeq());
    }

    private static Map<String, Alert> byId(List<Alert> alerts) {
        Map<String, Alert> byId = new TreeMap<>();
        alerts.forEach(alert -> byId.putIfAbsent(alert.getAlertId(), alert));
        return byId;
    }
}
