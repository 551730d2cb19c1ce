package io.callstream.deploy.backtest;

import io.callstream.enrich.EnrichOutputs;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.callstream.avro.Alert;
import io.callstream.avro.QaExchange;
import io.callstream.avro.SpeakerTurn;
import io.callstream.avro.Status;
import io.callstream.deploy.inprocess.InProcessEnrich;

/**
 * What a backtest keeps of one call: the few things the report shows, read from the topology's outputs as soon as
 * the call is done (the outputs themselves, every snapshot of every turn, are far larger and are dropped).
 *
 * @param turns         turns closed (FINAL)
 * @param exchanges     question-answer exchanges closed (FINAL)
 * @param deadLetters   records the topology refused
 * @param alerts        each rule set's alerts (by its label), in the order they fired
 * @param firstMentions the first mention of each topic
 * @param timeline      topic mentions per minute
 */
public record CallReport(String callId, Path file, String format, long lines, int turns, int exchanges,
                         int deadLetters, Map<String, List<Alert>> alerts, List<FirstMention> firstMentions,
                         TopicTimeline timeline) {

    public CallReport {
        alerts = Map.copyOf(alerts);
        firstMentions = List.copyOf(firstMentions);
    }

    /**
     * @param outputs each rule set's outputs, by label; rule sets differ only in their alerts, so turns, topics and
     *                counts are read from the first
     */
    static CallReport of(CorpusCall call, Map<String, EnrichOutputs> outputs) {
        EnrichOutputs first = outputs.values().iterator().next();
        Map<String, List<Alert>> alerts = new LinkedHashMap<>();
        outputs.forEach((label, out) -> alerts.put(label, out.alerts()));
        return new CallReport(call.callId(), call.file(), call.call().format(), call.call().lines(),
                finalTurns(first.turns()), finalExchanges(first.exchanges()), first.deadLetters().size(), alerts,
                FirstMention.of(first.enrichedTurns()), TopicTimeline.of(first.enrichedTurns()));
    }

    /** The alerts of one rule set (none when the label is not one of this backtest's). */
    public List<Alert> alerts(String label) {
        return alerts.getOrDefault(label, List.of());
    }

    private static int finalTurns(List<SpeakerTurn> turns) {
        Set<Integer> closed = new HashSet<>();
        turns.stream().filter(t -> t.getStatus() == Status.FINAL).forEach(t -> closed.add(t.getTurnIndex()));
        return closed.size();
    }

    private static int finalExchanges(List<QaExchange> exchanges) {
        Set<Integer> closed = new HashSet<>();
        exchanges.stream().filter(e -> e.getStatus() == Status.FINAL).forEach(e -> closed.add(e.getExchangeIndex()));
        return closed.size();
    }
}
