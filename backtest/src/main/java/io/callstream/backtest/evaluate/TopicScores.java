package io.callstream.backtest.evaluate;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Precision, recall and F1 of predicted topics against gold labels, per topic and micro-averaged over all
 * (turn, topic) decisions. A topic neither predicted nor labelled anywhere has no score (not a perfect one).
 */
public record TopicScores(Map<String, Counts> byTopic, Counts micro) {

    /** True positives, false positives and false negatives, and the scores they give. */
    public record Counts(int truePositives, int falsePositives, int falseNegatives) {

        Counts plus(boolean predicted, boolean labelled) {
            return new Counts(truePositives + (predicted && labelled ? 1 : 0),
                    falsePositives + (predicted && !labelled ? 1 : 0), falseNegatives + (!predicted && labelled ? 1 : 0));
        }

        Counts plus(Counts other) {
            return new Counts(truePositives + other.truePositives, falsePositives + other.falsePositives,
                    falseNegatives + other.falseNegatives);
        }

        public double precision() {
            int predicted = truePositives + falsePositives;
            return predicted == 0 ? 0 : (double) truePositives / predicted;
        }

        public double recall() {
            int labelled = truePositives + falseNegatives;
            return labelled == 0 ? 0 : (double) truePositives / labelled;
        }

        public double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
    }

    /**
     * @param predicted each turn's predicted topics, by position
     * @param gold      each turn's labelled topics, by position; both lists must be as long
     * @param topics    the topic ids to score
     */
    public static TopicScores of(List<Set<String>> predicted, List<Set<String>> gold, Set<String> topics) {
        if (predicted.size() != gold.size()) {
            throw new IllegalArgumentException("the transcript gave " + predicted.size() + " FINAL turns but the gold "
                    + "file labels " + gold.size() + ": they must be the same call, turn for turn");
        }
        Map<String, Counts> byTopic = new TreeMap<>();
        Counts micro = new Counts(0, 0, 0);
        for (String topic : topics) {
            Counts counts = new Counts(0, 0, 0);
            for (int i = 0; i < gold.size(); i++) {
                boolean p = predicted.get(i).contains(topic);
                boolean g = gold.get(i).contains(topic);
                counts = counts.plus(p, g);
                micro = micro.plus(p, g);
            }
            if (counts.truePositives() + counts.falsePositives() + counts.falseNegatives() > 0) {
                byTopic.put(topic, counts);
            }
        }
        return new TopicScores(byTopic, micro);
    }

    /**
     * Several calls' scores as one: each topic's counts and the micro counts summed, so a topic's precision is over
     * every call's tags of it (not an average of the calls' precisions, which would weigh a call of 5 turns as one of
     * 150).
     */
    public static TopicScores pooled(List<TopicScores> calls) {
        Map<String, Counts> byTopic = new TreeMap<>();
        Counts micro = new Counts(0, 0, 0);
        for (TopicScores call : calls) {
            call.byTopic().forEach((topic, counts) -> byTopic.merge(topic, counts, Counts::plus));
            micro = micro.plus(call.micro());
        }
        return new TopicScores(byTopic, micro);
    }
}
