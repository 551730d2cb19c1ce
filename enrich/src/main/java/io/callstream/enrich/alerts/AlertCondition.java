package io.callstream.enrich.alerts;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.callstream.avro.NumberKind;
import io.callstream.avro.Role;
import io.callstream.avro.Section;

/**
 * What must hold on a turn for a rule to fire. Every condition given must hold (and); within a list, any one item
 * will do (or). An empty list or a null flag does not constrain.
 *
 * @param topics         the turn is tagged with one of these topic ids
 * @param roles          the speaker has one of these roles
 * @param sections       the turn is in one of these sections
 * @param numbers        true: the turn mentions a number (of {@code numberKinds}, where given); false: it does not
 * @param numberKinds    the kinds of number that count for {@code numbers}
 * @param forwardLooking the turn states (true) or does not state (false) a guidance-like expectation
 * @param firstMention   one of {@code topics} is mentioned for the first time in the call on this turn
 * @param declined       the speaker, not an analyst or the operator, declines to answer (true) or does not (false)
 * @param phrases        the text holds one of these phrases (whole words, any case, any spacing)
 */
public record AlertCondition(Set<String> topics, Set<Role> roles, Set<Section> sections, Boolean numbers,
                             Set<NumberKind> numberKinds, Boolean forwardLooking, boolean firstMention,
                             Boolean declined, List<Pattern> phrases) {

    public AlertCondition {
        topics = Set.copyOf(topics);
        roles = Set.copyOf(roles);
        sections = Set.copyOf(sections);
        numberKinds = Set.copyOf(numberKinds);
        phrases = List.copyOf(phrases);
    }

    /** A phrase as a pattern: its words in order, whole words, any case, any whitespace between them. */
    static Pattern phrase(String phrase) {
        String[] words = phrase.trim().split("\\s+");
        StringBuilder regex = new StringBuilder("(?iu)(?<![\\p{L}\\p{N}])");
        for (int i = 0; i < words.length; i++) {
            regex.append(i == 0 ? "" : "\\s+").append(Pattern.quote(words[i]));
        }
        return Pattern.compile(regex.append("(?![\\p{L}\\p{N}])").toString());
    }
}
