package io.callstream.enrich.tags.learned;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A trained model of the learned tier: it scores a sentence for each of its topics, and a sentence at or over a
 * topic's threshold carries the topic. Over sentence embeddings ({@link TopicModel}) or over words
 * ({@link WordTopicModel}, which needs no embedding).
 */
public sealed interface SentenceTopicModel permits TopicModel, WordTopicModel {

    /** The model's stable id, on every tag it makes. */
    String id();

    /** Its version, on every tag it makes. */
    String version();

    /** The {@link SentenceEmbedder#id()} it reads, or {@link WordTopicModel#FEATURES} for a model over words. */
    String embedder();

    /** Its topics, in the order of {@link #scores}. */
    List<String> topicIds();

    /** The score from which a sentence carries topic {@code topic} (an index into {@link #topicIds}). */
    double threshold(int topic);

    /** Whether {@link #scores} reads the sentence's embedding (else it may be null). */
    boolean embeds();

    /** Each topic's score for {@code sentence}, whose embedding is {@code embedding} where {@link #embeds}. */
    double[] scores(String sentence, float[] embedding);

    /** A model file from {@code train-topics}, of either kind. */
    static SentenceTopicModel read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    /** As {@link #read(Path)}; {@code source} names the model in errors. */
    static SentenceTopicModel read(InputStream in, String source) throws IOException {
        JsonNode root = new ObjectMapper().readTree(in);
        // A model over embeddings was written before word models existed, without "features".
        String features = root.path("features").asText("embeddings");
        return switch (features) {
            case "embeddings" -> TopicModel.read(root, source);
            case "words" -> WordTopicModel.read(root, source);
            default -> throw new IllegalArgumentException(source + ": 'features' is \"" + features
                    + "\"; a topic model reads \"embeddings\" or \"words\"");
        };
    }
}
