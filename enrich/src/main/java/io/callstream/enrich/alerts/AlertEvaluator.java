package io.callstream.enrich.alerts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.callstream.avro.EnrichedTurn;
import io.callstream.avro.NumberMention;
import io.callstream.avro.Role;
import io.callstream.avro.Span;
import io.callstream.avro.SpeakerTurn;
import io.callstream.avro.TopicTag;
import io.callstream.enrich.qa.DeclinePhrases;

/**
 * Decides which rules hold on one turn snapshot, and on which words. Pure: the only memory it needs, the first
 * turn of the call that mentioned each topic, is passed in.
 */
public final class AlertEvaluator {

    /** A rule that holds, with the topics involved and the words that made it hold, in text order. */
    public record Firing(AlertRule rule, List<String> topicIds, List<Span> evidence) {
    }

    private final AlertRules rules;

    public AlertEvaluator(AlertRules rules) {
        this.rules = rules;
    }

    public AlertRules rules() {
        return rules;
    }

    /**
     * @param firstMentions topic id to the index of the first turn of the call tagged with it, before this snapshot
     *                      (a topic absent from it is mentioned first here)
     */
    public List<Firing> evaluate(EnrichedTurn enriched, Map<String, Integer> firstMentions) {
        return evaluate(enriched, firstMentions, DeclinePhrases::find);
    }

    /**
     * As {@link #evaluate(EnrichedTurn, Map)}, with {@code refusals} finding the earliest refusal in a turn's text
     * exactly as {@link DeclinePhrases#find(String)} does (a growing turn's caller reads only its new words); asked
     * only when a rule needs it.
     */
    public List<Firing> evaluate(EnrichedTurn enriched, Map<String, Integer> firstMentions,
                                 Function<String, Optional<Span>> refusals) {
        List<Firing> firings = new ArrayList<>();
        for (AlertRule rule : rules.rules()) {
            holds(rule, enriched, firstMentions, refusals).ifPresent(firings::add);
        }
        return firings;
    }

    private static Optional<Firing> holds(AlertRule rule, EnrichedTurn enriched, Map<String, Integer> firstMentions,
                                          Function<String, Optional<Span>> refusals) {
        AlertCondition when = rule.when();
        SpeakerTurn turn = enriched.getTurn();
        List<Span> evidence = new ArrayList<>();
        TreeSet<String> topicIds = new TreeSet<>();
        if (!when.topics().isEmpty()) {
            for (TopicTag tag : enriched.getTopics()) {
                boolean first = !when.firstMention()
                        || firstMentions.getOrDefault(tag.getTopicId(), turn.getTurnIndex()) == turn.getTurnIndex();
                if (when.topics().contains(tag.getTopicId()) && first) {
                    topicIds.add(tag.getTopicId());
                    evidence.addAll(tag.getEvidence());
                }
            }
            if (topicIds.isEmpty()) {
                return Optional.empty();
            }
        }
        if (!when.roles().isEmpty() && !when.roles().contains(turn.getSpeaker().getRole())) {
            return Optional.empty();
        }
        if (!when.sections().isEmpty() && !when.sections().contains(turn.getSection())) {
            return Optional.empty();
        }
        if (when.numbers() != null) {
            List<Span> numbers = enriched.getNumbers().stream()
                    .filter(n -> when.numberKinds().isEmpty() || when.numberKinds().contains(n.getKind()))
                    .map(NumberMention::getSpan).toList();
            if (when.numbers() == numbers.isEmpty()) {
                return Optional.empty();
            }
            evidence.addAll(numbers);
        }
        if (when.forwardLooking() != null) {
            if (when.forwardLooking() != enriched.getForwardLooking()) {
                return Optional.empty();
            }
            if (enriched.getForwardLookingEvidence() != null) {
                evidence.add(enriched.getForwardLookingEvidence());
            }
        }
        if (when.declined() != null) {
            Role role = turn.getSpeaker().getRole();
            Optional<Span> refusal = role == Role.ANALYST || role == Role.OPERATOR
                    ? Optional.empty() : refusals.apply(turn.getText());
            if (when.declined() == refusal.isEmpty()) {
                return Optional.empty();
            }
            refusal.ifPresent(evidence::add);
        }
        if (!when.phrases().isEmpty()) {
            List<Span> found = phrases(when.phrases(), turn.getText());
            if (found.isEmpty()) {
                return Optional.empty();
            }
            evidence.addAll(found);
        }
        List<Span> ordered = evidence.stream().distinct()
                .sorted(Comparator.comparingInt(Span::getStart).thenComparingInt(Span::getEnd)).toList();
        return Optional.of(new Firing(rule, List.copyOf(topicIds), ordered));
    }

    private static List<Span> phrases(List<Pattern> phrases, String text) {
        List<Span> found = new ArrayList<>();
        for (Pattern phrase : phrases) {
            Matcher m = phrase.matcher(text);
            if (m.find()) {
                found.add(new Span(m.start(), m.end(), m.group()));
            }
        }
        return found;
    }
}
