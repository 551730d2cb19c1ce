package io.callstream.backtest;

import io.callstream.enrich.EnrichGraph;
import io.callstream.enrich.EnrichOutputs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.callstream.avro.Alert;
import io.callstream.avro.CallStarted;
import io.callstream.avro.EnrichedTurn;
import io.callstream.avro.QaExchange;
import io.callstream.avro.Role;
import io.callstream.avro.SpeakerTurn;
import io.callstream.avro.Status;
import io.callstream.backtest.inprocess.InProcessEnrich;

/**
 * What a backtest keeps of one call: the few things the report shows, read from the topology's outputs as soon as
 * the call is done (the outputs themselves, every snapshot of every turn, are far larger and are dropped).
 *
 * @param company       the call's company as its CallStarted gives it, and where it was read ({@code companySource})
 * @param turns         turns closed (FINAL)
 * @param turnsByRole   closed turns by their speaker's role (latest version), every role present, in the enum's order
 * @param exchanges     question-answer exchanges closed (FINAL)
 * @param deadLetters   records the topology refused
 * @param alerts        each rule set's alerts (by its label), in the order they fired
 * @param firstMentions the first mention of each topic
 * @param timeline      topic mentions per minute
 */
public record CallReport(String callId, Path file, String format, String company, String companySource, long lines,
                         int turns, Map<Role, Integer> turnsByRole, int exchanges, int deadLetters,
                         Map<String, List<Alert>> alerts, List<FirstMention> firstMentions, TopicTimeline timeline) {

    public CallReport {
        turnsByRole = Collections.unmodifiableMap(new EnumMap<>(turnsByRole));
        alerts = Map.copyOf(alerts);
        firstMentions = List.copyOf(firstMentions);
    }

    /**
     * @param tallies each rule set's tally of the call, by label; rule sets differ only in their alerts, so turns,
     *                topics and counts are read from the first
     */
    static CallReport of(CorpusCall call, Map<String, Tally> tallies) {
        Tally first = tallies.values().iterator().next();
        Map<String, List<Alert>> alerts = new LinkedHashMap<>();
        tallies.forEach((label, tally) -> alerts.put(label, List.copyOf(tally.alerts)));
        CallStarted started = call.call().events().isEmpty() ? null
                : call.call().events().get(0).getPayload() instanceof CallStarted s ? s : null;
        Map<Role, Integer> byRole = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            byRole.put(role, 0);
        }
        first.finalTurns.values().forEach(role -> byRole.merge(role, 1, Integer::sum));
        return new CallReport(call.callId(), call.file(), call.call().format(),
                started == null ? null : started.getCompany(), started == null ? null : started.getCompanySource(),
                call.call().lines(), first.finalTurns.size(), byRole, first.finalExchanges.size(), first.deadLetters,
                alerts, first.firstMentions.found(), first.timeline.build());
    }

    /** The alerts of one rule set (none when the label is not one of this backtest's). */
    public List<Alert> alerts(String label) {
        return alerts.getOrDefault(label, List.of());
    }

    /**
     * What a report keeps of one run of a call, taken from each output as it is emitted: the outputs themselves,
     * every snapshot of every turn, are far larger, and the engine hands over its own records rather than copies
     * (see {@link io.callstream.enrich.replay.InMemoryEnrich#run(List, EnrichOutputs.Receiver)}): everything kept is
     * read at once or copied. Alerts arrive copied ({@link CallEnricher}).
     */
    static final class Tally implements EnrichOutputs.Receiver {
        /** Each closed turn's speaker role, by turn index: a turn re-issued (a speaker named late) takes its new one. */
        private final Map<Integer, Role> finalTurns = new HashMap<>();
        private final Set<Integer> finalExchanges = new HashSet<>();
        private int deadLetters;
        private final List<Alert> alerts = new ArrayList<>();
        private final FirstMention.Finder firstMentions = new FirstMention.Finder();
        private final TopicTimeline.Builder timeline = new TopicTimeline.Builder();

        @Override
        public void received(EnrichGraph.Output topic, Object value) {
            switch (topic) {
                case TURNS -> {
                    SpeakerTurn turn = (SpeakerTurn) value;
                    if (turn.getStatus() == Status.FINAL) {
                        finalTurns.put(turn.getTurnIndex(), turn.getSpeaker().getRole());
                    }
                }
                case QA -> {
                    QaExchange exchange = (QaExchange) value;
                    if (exchange.getStatus() == Status.FINAL) {
                        finalExchanges.add(exchange.getExchangeIndex());
                    }
                }
                case ENRICHED_TURNS -> {
                    firstMentions.add((EnrichedTurn) value);
                    timeline.add((EnrichedTurn) value);
                }
                case ALERTS -> alerts.add((Alert) value);
                case DEAD_LETTERS -> deadLetters++;
            }
        }
    }
}
