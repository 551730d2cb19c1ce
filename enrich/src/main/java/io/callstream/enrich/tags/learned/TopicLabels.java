package io.callstream.enrich.tags.learned;

import java.util.List;

/**
 * One topic's training labels over every sentence of some turns, in order: a sentence quoted as the topic's evidence
 * is a positive, every sentence of a turn without the topic a negative, and the other sentences of a turn with it are
 * left out (unknown: the labeller quoted the clearest one to three, not every one). Positives weigh the square root of
 * the negatives-to-positives ratio, since most topics are rare.
 */
record TopicLabels(float[] label, boolean[] known, float positiveWeight) {

    static final double POSITIVE_BALANCE = 0.5;

    static TopicLabels of(List<LabelledTurn> turns, String topic) {
        int n = turns.stream().mapToInt(t -> t.sentences().size()).sum();
        float[] label = new float[n];
        boolean[] known = new boolean[n];
        int positives = 0;
        int negatives = 0;
        int i = 0;
        for (LabelledTurn turn : turns) {
            boolean labelled = turn.topics().contains(topic);
            for (LabelledSentence sentence : turn.sentences()) {
                boolean carries = sentence.carries().contains(topic);
                known[i] = !labelled || carries;
                label[i] = carries ? 1 : 0;
                if (known[i]) {
                    if (carries) {
                        positives++;
                    } else {
                        negatives++;
                    }
                }
                i++;
            }
        }
        return new TopicLabels(label, known,
                (float) Math.pow((double) negatives / Math.max(positives, 1), POSITIVE_BALANCE));
    }

    /** The weight of sentence {@code i}'s error: 0 where unknown. */
    float weight(int i) {
        return !known[i] ? 0 : label[i] > 0 ? positiveWeight : 1;
    }
}
