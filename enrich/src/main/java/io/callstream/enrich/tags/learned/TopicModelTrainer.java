package io.callstream.enrich.tags.learned;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Trains a {@link TopicModel} from hand-labelled turns whose labels name the sentences that carry each topic.
 *
 * <p>Per topic, a logistic regression over sentence embeddings, on the sentences' {@link TopicLabels}. Full-batch
 * gradient descent from zero weights, in a fixed order: no random numbers, so the same labels give the same model, bit
 * for bit. The hyper-parameters were chosen by cross-validation over the calls of the training part only (see the
 * development set's README).
 *
 * <p>The threshold is the {@link HeldOutThreshold}. Each topic carries it, so that a model edited by hand may set one
 * topic's own.
 */
public final class TopicModelTrainer {

    static final double L2 = 1e-4;
    static final double LEARNING_RATE = 5.0;
    static final int EPOCHS = 400;
    static final double[] THRESHOLDS = {0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9};

    private final List<String> topics;

    /** @param topics the topic ids to learn, in the order the model keeps them */
    public TopicModelTrainer(List<String> topics) {
        this.topics = List.copyOf(topics);
    }

    /** The model, its threshold chosen by cross-validation; {@code provenance} is kept in it as given, plus scores. */
    public TopicModel train(String id, String version, String embedder, List<LabelledTurn> turns,
                            Map<String, Object> provenance) {
        HeldOutThreshold.Choice choice = HeldOutThreshold.choose(topics, turns, THRESHOLDS, in -> {
            TopicModel.TopicWeights[] fitted = fit(in);
            return sentence -> scores(fitted, sentence);
        });
        double threshold = choice.threshold();
        Map<String, Object> kept = new LinkedHashMap<>(provenance);
        choice.describe(turns, kept);
        kept.put("training", Map.of("l2", L2, "learningRate", LEARNING_RATE, "epochs", EPOCHS,
                "positiveBalance", TopicLabels.POSITIVE_BALANCE));
        TopicModel.TopicWeights[] weights = fit(turns);
        for (int t = 0; t < weights.length; t++) {
            weights[t] = weights[t].withThreshold(threshold);
        }
        return new TopicModel(id, version, embedder, threshold, List.of(weights), kept);
    }

    private TopicModel.TopicWeights[] fit(List<LabelledTurn> turns) {
        List<float[]> x = new ArrayList<>();
        turns.forEach(turn -> turn.sentences().forEach(s -> x.add(s.embedding())));
        TopicModel.TopicWeights[] weights = new TopicModel.TopicWeights[topics.size()];
        // Topics are independent and each is fitted in a fixed order: parallel across topics, same bits.
        IntStream.range(0, topics.size()).parallel()
                .forEach(t -> weights[t] = fitOne(topics.get(t), x, TopicLabels.of(turns, topics.get(t))));
        return weights;
    }

    private static TopicModel.TopicWeights fitOne(String topic, List<float[]> x, TopicLabels labels) {
        int n = x.size();
        int d = n == 0 ? 0 : x.get(0).length;
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
                float[] xi = x.get(i);
                double z = b;
                for (int j = 0; j < d; j++) {
                    z += w[j] * xi[j];
                }
                double error = (Vectors.sigmoid(z) - labels.label()[i]) * labels.weight(i);
                for (int j = 0; j < d; j++) {
                    gradient[j] += error * xi[j];
                }
                gradientB += error;
            }
            for (int j = 0; j < d; j++) {
                w[j] -= LEARNING_RATE * (gradient[j] / n + L2 * w[j]);
            }
            b -= LEARNING_RATE * (gradientB / n + L2 * b);
        }
        float[] weights = new float[d];
        for (int j = 0; j < d; j++) {
            weights[j] = (float) w[j];
        }
        return new TopicModel.TopicWeights(topic, weights, (float) b, 0.5);
    }

    private static double[] scores(TopicModel.TopicWeights[] weights, LabelledSentence sentence) {
        double[] scores = new double[weights.length];
        for (int t = 0; t < weights.length; t++) {
            scores[t] = weights[t].score(sentence.embedding());
        }
        return scores;
    }
}
