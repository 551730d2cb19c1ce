package io.callstream.enrich.tags.learned;

import java.util.Set;

/**
 * A sentence of a hand-labelled turn, what the trainers learn from: its text, its embedding (null to train a
 * {@link WordTopicModel}, which reads the text alone) and the topics whose evidence quotes it.
 */
public record LabelledSentence(String text, float[] embedding, Set<String> carries) {

    public LabelledSentence {
        carries = Set.copyOf(carries);
    }
}
