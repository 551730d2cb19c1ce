package io.callstream.enrich.tags.learned;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Trains a {@link WordTopicModel} from hand-labelled turns whose labels name the sentences that carry each topic, on
 * the same {@link TopicLabels} as {@link TopicModelTrainer}: per topic, a logistic regression over the sentences'
 * {@link WordFeatures}, every feature seen in at least {@value #MIN_COUNT} training sentences. Full-batch gradient
 * descent from zero weights in a fixed order, so the same labels give the same model, bit for bit; the threshold is
 * the {@link HeldOutThreshold}. The hyper-parameters are session 26's, chosen by cross-validation over the calls of the
 * training part only (the development set's README). A weight under {@value #KEPT_WEIGHT} is left out of the model (a
 * feature with none over it, wholly): the shipped model's file is 2.6 MB rather than 5.0, and its tags of the training
 * calls moved by 2 of 4,176.
 */
public final class WordTopicModelTrainer {

    static final int MIN_COUNT = 2;
    static final double L2 = 1e-4;
    static final double WEIGHT_RATE = 25;
    static final double BIAS_RATE = 0.5;
    static final int EPOCHS = 300;
    static final double KEPT_WEIGHT = 0.05;
    static final double[] THRESHOLDS = {0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9};

    private final List<String> topics;

    /** @param topics the topic ids to learn, in the order the model keeps them */
    public WordTopicModelTrainer(List<String> topics) {
        this.topics = List.copyOf(topics);
    }

    /** The model, its threshold chosen by cross-validation; {@code provenance} is kept in it as given, plus scores. */
    public WordTopicModel train(String id, String version, List<LabelledTurn> turns,
                                Map<String, Object> provenance) {
        HeldOutThreshold.Choice choice = HeldOutThreshold.choose(topics, turns, THRESHOLDS, in -> {
            WordTopicModel fitted = fit(in, 0.5, 0);
            return sentence -> fitted.scores(sentence.text(), null);
        });
        Map<String, Object> kept = new LinkedHashMap<>(provenance);
        choice.describe(turns, kept);
        kept.put("training", Map.of("minCount", MIN_COUNT, "l2", L2, "weightRate", WEIGHT_RATE, "biasRate", BIAS_RATE,
                "epochs", EPOCHS, "positiveBalance", TopicLabels.POSITIVE_BALANCE, "keptWeight", KEPT_WEIGHT));
        WordTopicModel model = fit(turns, choice.threshold(), KEPT_WEIGHT);
        return new WordTopicModel(id, version, choice.threshold(), model.topics(), model.weights(), kept);
    }

    /**
     * A model of {@code turns} at {@code threshold}, keeping the features with a weight of at least {@code kept}
     * (package-private: its test prunes at other sizes).
     */
    WordTopicModel fit(List<LabelledTurn> turns, double threshold, double kept) {
        // The vocabulary, in order of first sight; each sentence as the indices of its features in it.
        Map<String, Integer> counts = new LinkedHashMap<>();
        List<List<String>> sentences = new ArrayList<>();
        for (LabelledTurn turn : turns) {
            for (LabelledSentence s : turn.sentences()) {
                List<String> features = List.copyOf(WordFeatures.of(s.text()));
                features.forEach(f -> counts.merge(f, 1, Integer::sum));
                sentences.add(features);
            }
        }
        List<String> vocabulary = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        counts.forEach((feature, count) -> {
            if (count >= MIN_COUNT) {
                index.put(feature, vocabulary.size());
                vocabulary.add(feature);
            }
        });
        int[][] x = sentences.stream().map(features -> features.stream().filter(index::containsKey)
                .mapToInt(index::get).toArray()).toArray(int[][]::new);
        double[][] weights = new double[topics.size()][];
        double[] biases = new double[topics.size()];
        // Topics are independent and each is fitted in a fixed order: parallel across topics, same bits.
        IntStream.range(0, topics.size()).parallel().forEach(t -> {
            double[] wb = fitOne(x, vocabulary.size(), TopicLabels.of(turns, topics.get(t)));
            weights[t] = Arrays.copyOf(wb, vocabulary.size());
            biases[t] = wb[vocabulary.size()];
        });
        Map<String, float[]> byFeature = new HashMap<>();
        for (int f = 0; f < vocabulary.size(); f++) {
            float[] w = new float[topics.size()];
            boolean keep = false;
            for (int t = 0; t < w.length; t++) {
                w[t] = Math.abs(weights[t][f]) >= kept ? (float) weights[t][f] : 0;
                keep |= w[t] != 0;
            }
            if (keep) {
                byFeature.put(vocabulary.get(f), w);
            }
        }
        List<WordTopicModel.Topic> topicList = new ArrayList<>();
        for (int t = 0; t < topics.size(); t++) {
            topicList.add(new WordTopicModel.Topic(topics.get(t), (float) biases[t], threshold));
        }
        return new WordTopicModel("fitted", "0", threshold, topicList, byFeature, Map.of());
    }

    /** The weights of {@code d} features, then the bias. */
    private static double[] fitOne(int[][] x, int d, TopicLabels labels) {
        int n = x.length;
        double[] w = new double[d];
        double b = 0;
        double[] gradient = new double[d];
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            Arrays.fill(gradient, 0);
            double gradientB = 0;
            for (int i = 0; i < n; i++) {
                if (!labels.known()[i]) {
                    continue;
                }
                double z = b;
                for (int f : x[i]) {
                    z += w[f];
                }
                double error = (Vectors.sigmoid(z) - labels.label()[i]) * labels.weight(i);
                for (int f : x[i]) {
                    gradient[f] += error;
                }
                gradientB += error;
            }
            for (int j = 0; j < d; j++) {
                w[j] -= WEIGHT_RATE * (gradient[j] / n + L2 * w[j]);
            }
            b -= BIAS_RATE * gradientB / n;
        }
        double[] wb = Arrays.copyOf(w, d + 1);
        wb[d] = b;
        return wb;
    }
}
