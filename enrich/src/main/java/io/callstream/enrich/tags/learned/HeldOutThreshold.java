package io.callstream.enrich.tags.learned;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The threshold of a model being trained, one for all topics, chosen on the training calls each scored by a model that
 * did not see it (folds by call), for the micro-F1 of the turns' topics as the pipeline gives them: the rules' and the
 * model's together. Per-topic thresholds (coordinate ascent over the same held-out scores) gained 0.009
 * cross-validated micro-F1 and lost 0.02 on the validation part: 17 more numbers fitted to noisy folds.
 */
final class HeldOutThreshold {

    static final int FOLDS = 5;

    /** What scores a sentence, in the trainer's topic order. */
    interface Scorer {
        double[] scores(LabelledSentence sentence);
    }

    /** The threshold chosen, and the held-out micro-F1 of each candidate. */
    record Choice(double threshold, int folds, int calls, Map<String, Double> byThreshold) {

        Choice {
            byThreshold = Collections.unmodifiableMap(new LinkedHashMap<>(byThreshold));
        }

        /** Writes the choice and what it was made on into a model's provenance. */
        void describe(List<LabelledTurn> turns, Map<String, Object> provenance) {
            provenance.put("turns", turns.size());
            provenance.put("calls", calls);
            provenance.put("sentences", turns.stream().mapToInt(t -> t.sentences().size()).sum());
            provenance.put("crossValidation", Map.of("folds", folds, "microF1ByThreshold", byThreshold,
                    "what", "turn topics, rules and model together, each call scored by a model trained without it"));
        }
    }

    private HeldOutThreshold() {
    }

    /**
     * @param topics     the topics scored, in the order of the scores {@code fit}'s scorers give
     * @param candidates the thresholds tried, in order: the first of the best wins
     * @param fit        trains a model on some turns and gives its scorer
     */
    static Choice choose(List<String> topics, List<LabelledTurn> turns, double[] candidates,
                         Function<List<LabelledTurn>, Scorer> fit) {
        List<String> calls = new ArrayList<>(new TreeSet<>(turns.stream()
                .map(LabelledTurn::call).toList()));
        if (calls.size() < 2) {
            throw new IllegalArgumentException("the threshold is cross-validated over calls: labelled turns of "
                    + calls.size() + " call(s) are too few, give at least 2");
        }
        int folds = Math.min(FOLDS, calls.size());
        // Each turn's sentences' scores from the model of the fold that left its call out.
        List<double[][]> heldOut = new ArrayList<>();
        turns.forEach(t -> heldOut.add(null));
        for (int fold = 0; fold < folds; fold++) {
            Set<String> out = new HashSet<>();
            for (int c = fold; c < calls.size(); c += folds) {
                out.add(calls.get(c));
            }
            Scorer scorer = fit.apply(turns.stream().filter(t -> !out.contains(t.call())).toList());
            for (int i = 0; i < turns.size(); i++) {
                if (out.contains(turns.get(i).call())) {
                    heldOut.set(i, turns.get(i).sentences().stream().map(scorer::scores)
                            .toArray(double[][]::new));
                }
            }
        }
        double threshold = candidates[0];
        double best = -1;
        Map<String, Double> byThreshold = new LinkedHashMap<>();
        for (double candidate : candidates) {
            double f1 = microF1(topics, turns, heldOut, candidate);
            byThreshold.put(String.valueOf(candidate), Math.round(f1 * 1000) / 1000.0);
            if (f1 > best) {
                best = f1;
                threshold = candidate;
            }
        }
        return new Choice(threshold, folds, calls.size(), byThreshold);
    }

    private static double microF1(List<String> topics, List<LabelledTurn> turns,
                                  List<double[][]> scores, double threshold) {
        long hits = 0;
        long tagged = 0;
        long labelled = 0;
        for (int i = 0; i < turns.size(); i++) {
            LabelledTurn turn = turns.get(i);
            Set<String> predicted = new HashSet<>(turn.ruleTopics());
            predicted.retainAll(topics);
            for (double[] sentence : scores.get(i)) {
                for (int t = 0; t < topics.size(); t++) {
                    if (sentence[t] >= threshold) {
                        predicted.add(topics.get(t));
                    }
                }
            }
            Set<String> gold = new HashSet<>(turn.topics());
            gold.retainAll(topics);
            labelled += gold.size();
            tagged += predicted.size();
            predicted.retainAll(gold);
            hits += predicted.size();
        }
        double precision = tagged == 0 ? 0 : (double) hits / tagged;
        double recall = labelled == 0 ? 0 : (double) hits / labelled;
        return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }
}
