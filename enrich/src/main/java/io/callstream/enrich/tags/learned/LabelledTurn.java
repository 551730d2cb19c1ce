package io.callstream.enrich.tags.learned;

import java.util.List;
import java.util.Set;

/**
 * One hand-labelled turn, as the trainers and the held-out threshold read it.
 *
 * @param call       the call it belongs to: folds never split a call
 * @param topics     its topics as labelled
 * @param ruleTopics the topics the rules give it, which the model's tags join
 * @param sentences  its sentences, in order
 */
public record LabelledTurn(String call, Set<String> topics, Set<String> ruleTopics, List<LabelledSentence> sentences) {

    public LabelledTurn {
        topics = Set.copyOf(topics);
        ruleTopics = Set.copyOf(ruleTopics);
        sentences = List.copyOf(sentences);
    }
}
