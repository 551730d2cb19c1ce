package io.callstream.enrich.tags.learned;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The learned topic tier's model: per topic, a logistic regression over a sentence's embedding, and the threshold
 * from which a sentence carries the topic. Versioned like a taxonomy: its id and version ride on every tag it makes.
 *
 * @param id         the model's stable id ({@code general-learned})
 * @param version    its version: change it whenever it is trained again
 * @param embedder   the {@link SentenceEmbedder#id()} it was trained on
 * @param threshold  the threshold the topics' own were tuned from (each topic keeps its own)
 * @param topics     one entry per topic it tags
 * @param provenance what it was trained on and how it scored, for people
 */
public record TopicModel(String id, String version, String embedder, double threshold, List<TopicWeights> topics,
                         Map<String, Object> provenance) implements SentenceTopicModel {

    /** One topic's regression, score = sigmoid(weights · embedding + bias), and its threshold. */
    public record TopicWeights(String topic, float[] weights, float bias, double threshold) {

        public TopicWeights withThreshold(double other) {
            return new TopicWeights(topic, weights, bias, other);
        }

        double score(float[] embedding) {
            return Vectors.sigmoid(Vectors.dot(weights, embedding) + bias);
        }
    }

    /**
     * Map entries by key, at every depth: the same model writes the same bytes in any process (a {@code Map.of}
     * iterates in an order that changes from one JVM to the next).
     */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    /** Objects indented for people, arrays on one line: a topic's weights are one line, not 384. */
    private static final com.fasterxml.jackson.core.util.DefaultPrettyPrinter PRINTER =
            new com.fasterxml.jackson.core.util.DefaultPrettyPrinter()
                    .withArrayIndenter(com.fasterxml.jackson.core.util.DefaultPrettyPrinter.FixedSpaceIndenter.instance);

    public TopicModel {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(embedder, "embedder");
        topics = List.copyOf(topics);
        provenance = provenance == null ? Map.of() : Map.copyOf(provenance);
    }

    @Override
    public List<String> topicIds() {
        return topics.stream().map(TopicWeights::topic).toList();
    }

    @Override
    public double threshold(int topic) {
        return topics.get(topic).threshold();
    }

    @Override
    public boolean embeds() {
        return true;
    }

    @Override
    public double[] scores(String sentence, float[] embedding) {
        return scores(embedding);
    }

    /** Each topic's score for a sentence's embedding, in {@link #topics} order. */
    public double[] scores(float[] embedding) {
        double[] scores = new double[topics.size()];
        for (int t = 0; t < scores.length; t++) {
            scores[t] = topics.get(t).score(embedding);
        }
        return scores;
    }

    public void write(Path file) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("model", id);
        out.put("version", version);
        out.put("embedder", embedder);
        out.put("threshold", threshold);
        out.put("provenance", provenance);
        List<Map<String, Object>> list = new ArrayList<>();
        for (TopicWeights t : topics) {
            Map<String, Object> topic = new LinkedHashMap<>();
            topic.put("topic", t.topic());
            topic.put("threshold", t.threshold());
            topic.put("bias", t.bias());
            topic.put("weights", t.weights());
            list.add(topic);
        }
        out.put("topics", list);
        JSON.writer(PRINTER).writeValue(file.toFile(), out);
    }

    /** Reads a model written by {@link #write}; {@code source} names it in errors. */
    public static TopicModel read(InputStream in, String source) throws IOException {
        return read(JSON.readTree(in), source);
    }

    static TopicModel read(JsonNode root, String source) throws IOException {
        try {
            List<TopicWeights> topics = new ArrayList<>();
            int dimensions = -1;
            for (JsonNode t : required(root, "topics")) {
                JsonNode w = required(t, "weights");
                float[] weights = new float[w.size()];
                for (int i = 0; i < weights.length; i++) {
                    weights[i] = (float) w.get(i).asDouble();
                }
                if (dimensions >= 0 && weights.length != dimensions) {
                    throw new IllegalArgumentException("topic " + t.get("topic") + " has " + weights.length
                            + " weights where the others have " + dimensions);
                }
                dimensions = weights.length;
                topics.add(new TopicWeights(required(t, "topic").asText(), weights,
                        (float) required(t, "bias").asDouble(), required(t, "threshold").asDouble()));
            }
            Map<String, Object> provenance = root.has("provenance")
                    ? JSON.convertValue(root.get("provenance"), Map.class) : Map.of();
            return new TopicModel(required(root, "model").asText(), required(root, "version").asText(),
                    required(root, "embedder").asText(), required(root, "threshold").asDouble(), topics, provenance);
        } catch (IllegalArgumentException e) {
            throw new IOException(source + ": not a topic model: " + e.getMessage(), e);
        }
    }

    public static TopicModel read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    /** {@code node}'s {@code field}; missing or null is an error naming it (also for {@link WordTopicModel}). */
    static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("'" + field + "' is missing");
        }
        return value;
    }
}
