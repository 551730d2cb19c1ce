package io.callstream.enrich.tags.learned;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.callstream.avro.Span;
import io.callstream.avro.TopicTag;
import io.callstream.enrich.tags.Taxonomy;
import io.callstream.enrich.tags.TopicRule;
import io.callstream.enrich.tags.TurnSentences;

/**
 * The learned topic tier, beside the rules: each sentence of a turn is embedded and scored by a {@link TopicModel},
 * and a topic the rules did not find is tagged when a sentence scores over the model's threshold, with those
 * sentences as its evidence, the best score and the model's id and version. A topic the rules found keeps the rules'
 * tag, whose evidence is exact words. Only topics of the taxonomies that apply to the call are tagged, with their
 * taxonomy's id, version and label. Safe-harbour sentences are skipped, as the rules skip them.
 *
 * <p>A sentence is scored once: scores are kept by sentence text (closed sentences come back on every snapshot of a
 * growing turn), and a score is a function of the text alone, so the cache changes only the time taken. Thread-safe.
 */
public final class LearnedTopics {

    /** The model shipped in this jar, trained on the development set's training part. */
    public static final String SHIPPED = "/io/callstream/enrich/tags/general-learned.model.json";
    private static final int CACHED_SENTENCES = 50_000;

    private final TopicModel model;
    private final SentenceEmbedder embedder;
    private final Map<String, double[]> scored = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, double[]> eldest) {
            return size() > CACHED_SENTENCES;
        }
    };

    public LearnedTopics(TopicModel model, SentenceEmbedder embedder) {
        if (!model.embedder().equals(embedder.id())) {
            throw new IllegalArgumentException("topic model " + model.id() + " " + model.version()
                    + " was trained on embedder " + model.embedder() + ", not " + embedder.id());
        }
        this.model = model;
        this.embedder = embedder;
    }

    /** The shipped model with its embedder. */
    public static LearnedTopics shipped() {
        try (InputStream in = LearnedTopics.class.getResourceAsStream(SHIPPED)) {
            if (in == null) {
                throw new IllegalStateException(SHIPPED + " is missing from the classpath");
            }
            return new LearnedTopics(TopicModel.read(in, SHIPPED), new MiniLmSentenceEmbedder());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public TopicModel model() {
        return model;
    }

    /**
     * The rules' tags of {@code text} and this tier's tags for the topics they lack, sorted by topic and taxonomy.
     *
     * @param ruleTags the rules' tags of the text
     * @param applying the taxonomies that apply to the call, which define the topics that may be tagged
     */
    public List<TopicTag> tag(String text, List<TopicTag> ruleTags, List<Taxonomy> applying) {
        if (text == null || text.isBlank()) {
            return ruleTags;
        }
        Set<String> found = new HashSet<>();
        ruleTags.forEach(tag -> found.add(tag.getTopicId()));
        List<TopicTag> tags = new ArrayList<>(ruleTags);
        String matchable = TurnSentences.withoutSafeHarbour(text);
        List<TurnSentences.Sentence> sentences = TurnSentences.of(text);
        double[][] scores = new double[sentences.size()][];
        for (int s = 0; s < sentences.size(); s++) {
            TurnSentences.Sentence sentence = sentences.get(s);
            if (!matchable.substring(sentence.start(), sentence.end()).isBlank()) {
                scores[s] = scores(sentence.of(text));
            }
        }
        for (int t = 0; t < model.topics().size(); t++) {
            String topic = model.topics().get(t).topic();
            if (found.contains(topic)) {
                continue;
            }
            List<Span> evidence = new ArrayList<>();
            double best = 0;
            for (int s = 0; s < sentences.size(); s++) {
                if (scores[s] != null && scores[s][t] >= model.topics().get(t).threshold()) {
                    TurnSentences.Sentence sentence = sentences.get(s);
                    evidence.add(new Span(sentence.start(), sentence.end(), sentence.of(text)));
                    best = Math.max(best, scores[s][t]);
                }
            }
            double score = best;
            if (!evidence.isEmpty()) {
                definedBy(topic, applying).ifPresent(defined -> tags.add(TopicTag.newBuilder()
                        .setTopicId(topic)
                        .setLabel(defined.rule().label())
                        .setTaxonomyId(defined.taxonomy().id())
                        .setTaxonomyVersion(defined.taxonomy().version())
                        .setEvidence(evidence)
                        .setModelId(model.id())
                        .setModelVersion(model.version())
                        .setScore(Math.round(score * 1000) / 1000.0)
                        .build()));
            }
        }
        tags.sort(Comparator.comparing(TopicTag::getTopicId).thenComparing(TopicTag::getTaxonomyId));
        return tags;
    }

    private record Defined(Taxonomy taxonomy, TopicRule rule) {
    }

    private static java.util.Optional<Defined> definedBy(String topic, List<Taxonomy> applying) {
        for (Taxonomy taxonomy : applying) {
            for (TopicRule rule : taxonomy.topics()) {
                if (rule.id().equals(topic)) {
                    return java.util.Optional.of(new Defined(taxonomy, rule));
                }
            }
        }
        return java.util.Optional.empty();
    }

    private double[] scores(String sentence) {
        synchronized (scored) {
            double[] cached = scored.get(sentence);
            if (cached != null) {
                return cached;
            }
        }
        double[] scores = model.scores(embedder.embed(sentence));
        synchronized (scored) {
            scored.put(sentence, scores);
        }
        return scores;
    }
}
