package io.callstream.enrich.tags.learned;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.callstream.avro.Span;
import io.callstream.avro.TopicTag;
import io.callstream.enrich.tags.Taxonomy;
import io.callstream.enrich.tags.TaxonomySet;
import io.callstream.enrich.tags.TopicRule;
import io.callstream.enrich.tags.TurnSentences;

/**
 * The learned topic tier, beside the rules: each sentence of a turn is scored once, by a trained model (optional: over
 * the sentence's embedding, {@link TopicModel}, or over its words, {@link WordTopicModel}) and against the example
 * sentences of the topics the taxonomies define by example ({@link ExampleTopics}). A sentence is embedded only where
 * the model reads embeddings or an example topic applies to the call: with a word model, the calls without one embed
 * nothing. A topic the rules did not find is tagged when a sentence scores over the threshold, with
 * those sentences as its evidence, the best score, and what scored it: the model's id and version, or
 * {@value #EXAMPLES} and the embedder. Precedence for one topic: the rules' tag (exact words), then the examples (the
 * user's own definition), then the model. Only topics of the taxonomies that apply to the call are tagged, with their
 * taxonomy's id, version and label; safe-harbour sentences are skipped, as the rules skip them.
 *
 * <p>A sentence is scored once: scores are kept by sentence text, and a score is a function of the text alone, so the
 * cache changes only the time taken. A growing turn is read by a {@link Growing}, which cuts only the new characters
 * into sentences and keeps its closed sentences' scores by their place. Thread-safe; a {@link Growing} is not.
 */
public final class LearnedTopics {

    /** The model shipped in this jar, trained on the development set's training part. */
    public static final String SHIPPED = "/io/callstream/enrich/tags/general-learned.model.json";
    /** The word model shipped in this jar, trained on the same part: no sentence encoder, microseconds a sentence. */
    public static final String SHIPPED_WORDS = "/io/callstream/enrich/tags/general-words.model.json";
    /** The {@code modelId} of a tag scored against a topic's examples. */
    public static final String EXAMPLES = "examples";
    private static final int CACHED_SENTENCES = 50_000;

    private final SentenceTopicModel model;
    /** The model's topics, in its scores' order; empty without a model. Read at every snapshot: kept, not rebuilt. */
    private final List<String> modelTopics;
    private final List<ExampleTopics.ExampleTopic> examples;
    private final SentenceEmbedder embedder;
    private final Map<String, double[]> scored = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, double[]> eldest) {
            return size() > CACHED_SENTENCES;
        }
    };

    /**
     * @param model      a trained model, or null for the example topics alone
     * @param taxonomies the taxonomies whose example topics to score
     */
    public LearnedTopics(SentenceTopicModel model, TaxonomySet taxonomies, SentenceEmbedder embedder) {
        if (model != null && model.embeds() && !model.embedder().equals(embedder.id())) {
            throw new IllegalArgumentException("topic model " + model.id() + " " + model.version()
                    + " was trained on embedder " + model.embedder() + ", not " + embedder.id());
        }
        this.model = model;
        this.modelTopics = model == null ? List.of() : List.copyOf(model.topicIds());
        this.examples = ExampleTopics.of(taxonomies, embedder);
        this.embedder = embedder;
    }

    /** The shipped model read from the jar. */
    public static TopicModel shippedModel() {
        return (TopicModel) resource(SHIPPED);
    }

    /** The shipped word model read from the jar. */
    public static WordTopicModel shippedWordModel() {
        return (WordTopicModel) resource(SHIPPED_WORDS);
    }

    private static SentenceTopicModel resource(String path) {
        try (InputStream in = LearnedTopics.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the classpath");
            }
            return SentenceTopicModel.read(in, path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The tier for {@code taxonomies} with {@code model} (null for none), or null where there is nothing to learn:
     * no model, and no topic defined by examples.
     */
    public static LearnedTopics forTaxonomies(SentenceTopicModel model, TaxonomySet taxonomies) {
        return forTaxonomies(model, taxonomies, ProcessEmbedder.get());
    }

    /** As {@link #forTaxonomies(SentenceTopicModel, TaxonomySet)}, embedding with {@code embedder}. */
    public static LearnedTopics forTaxonomies(SentenceTopicModel model, TaxonomySet taxonomies,
                                              SentenceEmbedder embedder) {
        return model == null && !ExampleTopics.anyIn(taxonomies) ? null
                : new LearnedTopics(model, taxonomies, embedder);
    }

    /**
     * The rules' tags of {@code text} and this tier's tags for the topics they lack, sorted by topic and taxonomy.
     *
     * @param ruleTags the rules' tags of the text
     * @param applying the taxonomies that apply to the call, which define the topics that may be tagged
     */
    public List<TopicTag> tag(String text, List<TopicTag> ruleTags, List<Taxonomy> applying) {
        if (text == null || text.isBlank() || !anyApplies(applying)) {
            return ruleTags;
        }
        String matchable = TurnSentences.withoutSafeHarbour(text);
        List<TurnSentences.Sentence> sentences = TurnSentences.of(text);
        boolean withExamples = examplesApply(applying);
        double[][] scores = new double[sentences.size()][];
        for (int s = 0; s < sentences.size(); s++) {
            TurnSentences.Sentence sentence = sentences.get(s);
            if (!matchable.substring(sentence.start(), sentence.end()).isBlank()) {
                scores[s] = scores(sentence.of(text), withExamples);
            }
        }
        return tagged(text, sentences, scores, ruleTags, applying);
    }

    /**
     * The reading of one growing turn, each snapshot tagged as {@link #tag} tags it, at a cost that grows with the
     * new sentences rather than the whole turn: its sentences are cut from the new characters on
     * ({@link TurnSentences.Growing}), and the scores of those that no longer change are kept by their place. Only
     * the open sentence is looked up by its text at each snapshot. One per open turn; not thread-safe.
     */
    public Growing growing() {
        return new Growing();
    }

    /** See {@link #growing}. */
    public final class Growing {

        /** Made at the first text read: most calls' turns have no taxonomy with examples, and read nothing here. */
        private TurnSentences.Growing cut;
        /** The scores of the closed sentences by their place in the turn, null until scored. */
        private double[][] closedScores;
        /** Whether the last text was not read (blank, or no taxonomy applied), so that the next starts over. */
        private boolean skipped;

        private Growing() {
        }

        /**
         * {@link LearnedTopics#tag}{@code (text, ruleTags, applying)}. {@code extendsLast}: {@code text} starts with
         * the last text given (false for the first and for any other, which is then read from its start).
         */
        public List<TopicTag> tag(String text, boolean extendsLast, List<TopicTag> ruleTags, List<Taxonomy> applying) {
            if (text == null || text.isBlank() || !anyApplies(applying)) {
                skipped = true;
                return ruleTags;
            }
            boolean extending = extendsLast && !skipped && cut != null;
            skipped = false;
            if (cut == null) {
                cut = new TurnSentences.Growing();
                closedScores = new double[16][];
            } else if (!extending) {
                Arrays.fill(closedScores, null);
            }
            List<TurnSentences.Sentence> sentences = cut.read(text, extending);
            boolean withExamples = examplesApply(applying);
            int closed = cut.closedCount();
            if (closed > closedScores.length) {
                closedScores = Arrays.copyOf(closedScores, Math.max(closed, 2 * closedScores.length));
            }
            double[][] scores = new double[sentences.size()][];
            for (int s = 0; s < sentences.size(); s++) {
                TurnSentences.Sentence sentence = sentences.get(s);
                if (!cut.holdsWords(s)) {
                    continue;
                }
                if (s < closed) {
                    if (closedScores[s] == null) {
                        closedScores[s] = scores(sentence.of(text), withExamples);
                    }
                    scores[s] = closedScores[s];
                } else {
                    scores[s] = scores(sentence.of(text), withExamples);
                }
            }
            return tagged(text, sentences, scores, ruleTags, applying);
        }
    }

    /** The rules' tags and the tags of {@code scores}, the scores of {@code sentences} of {@code text}. */
    private List<TopicTag> tagged(String text, List<TurnSentences.Sentence> sentences, double[][] scores,
                                  List<TopicTag> ruleTags, List<Taxonomy> applying) {
        Set<String> found = new HashSet<>();
        ruleTags.forEach(tag -> found.add(tag.getTopicId()));
        List<TopicTag> tags = new ArrayList<>(ruleTags);
        for (int e = 0; e < examples.size(); e++) {
            ExampleTopics.ExampleTopic topic = examples.get(e);
            if (applying.contains(topic.taxonomy()) && !found.contains(topic.rule().id())) {
                tag(text, sentences, scores, modelTopics.size() + e, topic.rule().similarity(), topic.taxonomy(),
                        topic.rule(), EXAMPLES, embedder.id()).ifPresent(tag -> {
                            tags.add(tag);
                            found.add(tag.getTopicId());
                        });
            }
        }
        for (int t = 0; t < modelTopics.size(); t++) {
            String topic = modelTopics.get(t);
            Optional<Defined> defined = found.contains(topic) ? Optional.empty() : definedBy(topic, applying);
            if (defined.isPresent()) {
                tag(text, sentences, scores, t, model.threshold(t), defined.get().taxonomy(),
                        defined.get().rule(), model.id(), model.version()).ifPresent(tags::add);
            }
        }
        tags.sort(Comparator.comparing(TopicTag::getTopicId).thenComparing(TopicTag::getTaxonomyId));
        return tags;
    }

    private boolean anyApplies(List<Taxonomy> applying) {
        return model != null || examplesApply(applying);
    }

    private boolean examplesApply(List<Taxonomy> applying) {
        return examples.stream().anyMatch(e -> applying.contains(e.taxonomy()));
    }

    /** The tag of score column {@code column}, when a sentence reaches {@code threshold}. */
    private static Optional<TopicTag> tag(String text, List<TurnSentences.Sentence> sentences, double[][] scores,
                                          int column, double threshold, Taxonomy taxonomy, TopicRule rule,
                                          String scoredBy, String scoredByVersion) {
        List<Span> evidence = new ArrayList<>();
        double best = 0;
        for (int s = 0; s < sentences.size(); s++) {
            if (scores[s] != null && scores[s][column] >= threshold) {
                TurnSentences.Sentence sentence = sentences.get(s);
                evidence.add(new Span(sentence.start(), sentence.end(), sentence.of(text)));
                best = Math.max(best, scores[s][column]);
            }
        }
        if (evidence.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(TopicTag.newBuilder()
                .setTopicId(rule.id())
                .setLabel(rule.label())
                .setTaxonomyId(taxonomy.id())
                .setTaxonomyVersion(taxonomy.version())
                .setEvidence(evidence)
                .setModelId(scoredBy)
                .setModelVersion(scoredByVersion)
                .setScore(Math.round(best * 1000) / 1000.0)
                .build());
    }

    private record Defined(Taxonomy taxonomy, TopicRule rule) {
    }

    private static Optional<Defined> definedBy(String topic, List<Taxonomy> applying) {
        for (Taxonomy taxonomy : applying) {
            for (TopicRule rule : taxonomy.topics()) {
                if (rule.id().equals(topic)) {
                    return Optional.of(new Defined(taxonomy, rule));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * A sentence's scores: the model's topics, then the example topics' similarities. Those are NaN until a call that
     * some example topic applies to reads the sentence ({@code withExamples}): a word model's calls embed nothing.
     */
    private double[] scores(String sentence, boolean withExamples) {
        boolean needsExamples = withExamples && !examples.isEmpty();
        double[] cached;
        synchronized (scored) {
            cached = scored.get(sentence);
        }
        if (cached != null && !(needsExamples && Double.isNaN(cached[cached.length - 1]))) {
            return cached;
        }
        boolean embeds = model != null && model.embeds() || needsExamples;
        float[] embedding = embeds ? embedder.embed(sentence) : null;
        double[] scores = new double[modelTopics.size() + examples.size()];
        if (cached != null) {
            System.arraycopy(cached, 0, scores, 0, modelTopics.size());
        } else if (model != null) {
            System.arraycopy(model.scores(sentence, embedding), 0, scores, 0, modelTopics.size());
        }
        for (int e = 0; e < examples.size(); e++) {
            scores[modelTopics.size() + e] = needsExamples ? examples.get(e).similarity(embedding) : Double.NaN;
        }
        synchronized (scored) {
            scored.put(sentence, scores);
        }
        return scores;
    }
}
