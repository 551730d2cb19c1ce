package io.callstream.enrich.tags.learned;

import static io.callstream.enrich.tags.learned.TopicModel.required;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The learned tier's model over words: per topic, a logistic regression over a sentence's {@link WordFeatures}. A
 * sentence costs a look-up per word and word pair, microseconds, where an embedding costs a millisecond or more: it
 * needs no sentence encoder, so a backtest with it runs at the rules' pace. Versioned like a taxonomy: its id and
 * version ride on every tag it makes.
 *
 * @param id         the model's stable id ({@code general-words})
 * @param version    its version: change it whenever it is trained again
 * @param threshold  the threshold the topics' own were set from
 * @param topics     per topic, its bias and threshold, in the order of each feature's weights
 * @param weights    per feature, one weight per topic; a feature absent here weighs nothing (written in key order)
 * @param provenance what it was trained on and how it scored, for people
 */
public record WordTopicModel(String id, String version, double threshold, List<Topic> topics,
                             Map<String, float[]> weights, Map<String, Object> provenance)
        implements SentenceTopicModel {

    /** The id a word model gives as its embedder: none is needed. */
    public static final String FEATURES = "words";

    /** One topic's bias and threshold. */
    public record Topic(String topic, float bias, double threshold) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    public WordTopicModel {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        topics = List.copyOf(topics);
        weights = Map.copyOf(weights);
        for (Map.Entry<String, float[]> e : weights.entrySet()) {
            if (e.getValue().length != topics.size()) {
                throw new IllegalArgumentException("feature '" + e.getKey() + "' has " + e.getValue().length
                        + " weights for " + topics.size() + " topics");
            }
        }
        provenance = provenance == null ? Map.of() : Map.copyOf(provenance);
    }

    @Override
    public List<String> topicIds() {
        return topics.stream().map(Topic::topic).toList();
    }

    @Override
    public double threshold(int topic) {
        return topics.get(topic).threshold();
    }

    @Override
    public boolean embeds() {
        return false;
    }

    @Override
    public String embedder() {
        return FEATURES;
    }

    @Override
    public double[] scores(String sentence, float[] embedding) {
        return scores(WordFeatures.of(sentence));
    }

    /** Each topic's score for a sentence of these features, in {@link #topics} order. */
    public double[] scores(Iterable<String> features) {
        double[] z = new double[topics.size()];
        for (int t = 0; t < z.length; t++) {
            z[t] = topics.get(t).bias();
        }
        for (String feature : features) {
            float[] w = weights.get(feature);
            if (w != null) {
                for (int t = 0; t < z.length; t++) {
                    z[t] += w[t];
                }
            }
        }
        for (int t = 0; t < z.length; t++) {
            z[t] = Vectors.sigmoid(z[t]);
        }
        return z;
    }

    /**
     * Written as JSON: the header and topics indented, then one line per feature, its weights rounded to four decimals
     * (a change below that moves no score by more than a ten-thousandth per word).
     */
    public void write(Path file) throws IOException {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("model", id);
        header.put("version", version);
        header.put("features", FEATURES);
        header.put("threshold", threshold);
        header.put("provenance", provenance);
        StringBuilder out = new StringBuilder("{\n");
        for (Map.Entry<String, Object> e : header.entrySet()) {
            out.append("  ").append(JSON.writeValueAsString(e.getKey())).append(": ")
                    .append(JSON.writeValueAsString(e.getValue())).append(",\n");
        }
        out.append("  \"topics\": [\n");
        for (Iterator<Topic> it = topics.iterator(); it.hasNext(); ) {
            Topic t = it.next();
            out.append("    {\"topic\": ").append(JSON.writeValueAsString(t.topic())).append(", \"bias\": ")
                    .append(round(t.bias())).append(", \"threshold\": ").append(t.threshold()).append('}')
                    .append(it.hasNext() ? ",\n" : "\n");
        }
        out.append("  ],\n  \"weights\": {\n");
        for (Iterator<Map.Entry<String, float[]>> it = new TreeMap<>(weights).entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, float[]> e = it.next();
            out.append("    ").append(JSON.writeValueAsString(e.getKey())).append(": [");
            for (int t = 0; t < e.getValue().length; t++) {
                out.append(t == 0 ? "" : ",").append(round(e.getValue()[t]));
            }
            out.append(']').append(it.hasNext() ? ",\n" : "\n");
        }
        out.append("  }\n}\n");
        Files.writeString(file, out);
    }

    private static String round(float value) {
        if (!Float.isFinite(value)) {
            throw new IllegalStateException("a weight of " + value + ": the training diverged");
        }
        String s = new BigDecimal(Float.toString(value)).setScale(4, RoundingMode.HALF_EVEN)
                .stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    /** Whether {@code root}, a model file's JSON, is a word model rather than one over embeddings. */
    static boolean isWordModel(JsonNode root) {
        return FEATURES.equals(root.path("features").asText(null));
    }

    /** Reads a model written by {@link #write}; {@code source} names it in errors. */
    public static WordTopicModel read(InputStream in, String source) throws IOException {
        return read(JSON.readTree(in), source);
    }

    static WordTopicModel read(JsonNode root, String source) throws IOException {
        try {
            if (!isWordModel(root)) {
                throw new IllegalArgumentException("'features' is not \"" + FEATURES + "\"");
            }
            List<Topic> topics = new ArrayList<>();
            for (JsonNode t : required(root, "topics")) {
                topics.add(new Topic(required(t, "topic").asText(), (float) required(t, "bias").asDouble(),
                        required(t, "threshold").asDouble()));
            }
            Map<String, float[]> weights = new HashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = required(root, "weights").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                float[] w = new float[e.getValue().size()];
                for (int i = 0; i < w.length; i++) {
                    w[i] = (float) e.getValue().get(i).asDouble();
                }
                weights.put(e.getKey(), w);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> provenance = root.has("provenance")
                    ? JSON.convertValue(root.get("provenance"), Map.class) : Map.of();
            return new WordTopicModel(required(root, "model").asText(), required(root, "version").asText(),
                    required(root, "threshold").asDouble(), topics, weights, provenance);
        } catch (IllegalArgumentException e) {
            throw new IOException(source + ": not a word topic model: " + e.getMessage(), e);
        }
    }
}
