package io.callstream.enrich.tags.learned;

import java.util.ArrayList;
import java.util.List;

import io.callstream.enrich.tags.Taxonomy;
import io.callstream.enrich.tags.TaxonomySet;
import io.callstream.enrich.tags.TopicRule;

/**
 * The topics a taxonomy defines by example sentences ({@code example:} lines): a sentence carries one when its
 * embedding is at least the topic's {@code similarity} (cosine) from one of the examples. No training: a user adds a
 * topic by writing a handful of sentences about it, and the next start tags it.
 */
final class ExampleTopics {

    /** One topic with examples, their embeddings computed once at start. */
    record ExampleTopic(Taxonomy taxonomy, TopicRule rule, List<float[]> examples) {

        /** The closeness of the nearest example to a sentence's (unit) embedding. */
        double similarity(float[] embedding) {
            double best = -1;
            for (float[] example : examples) {
                best = Math.max(best, Vectors.dot(example, embedding));
            }
            return best;
        }
    }

    private ExampleTopics() {
    }

    static List<ExampleTopic> of(TaxonomySet taxonomies, SentenceEmbedder embedder) {
        List<ExampleTopic> topics = new ArrayList<>();
        for (Taxonomy taxonomy : taxonomies.all()) {
            for (TopicRule rule : taxonomy.topics()) {
                if (!rule.examples().isEmpty()) {
                    topics.add(new ExampleTopic(taxonomy, rule,
                            rule.examples().stream().map(embedder::embed).toList()));
                }
            }
        }
        return List.copyOf(topics);
    }

    /** Whether any taxonomy of the set defines a topic by examples, which needs an embedder to tag. */
    static boolean anyIn(TaxonomySet taxonomies) {
        return taxonomies.all().stream().flatMap(t -> t.topics().stream()).anyMatch(r -> !r.examples().isEmpty());
    }
}
