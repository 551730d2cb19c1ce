package io.callstream.bench;

import io.callstream.enrich.tags.TurnSentences;
import io.callstream.enrich.tags.learned.LearnedTopics;
import io.callstream.enrich.tags.learned.MiniLmSentenceEmbedder;
import io.callstream.enrich.tags.learned.SentenceEmbedder;
import io.callstream.enrich.tags.learned.TopicModel;
import io.callstream.enrich.tags.learned.WordTopicModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.callstream.avro.Span;
import io.callstream.avro.TopicTag;
import io.callstream.enrich.tags.Taxonomy;
import io.callstream.enrich.tags.TaxonomySet;
import io.callstream.enrich.tags.TopicRule;
import io.callstream.enrich.tags.TopicTagger;
import io.callstream.ingest.TeslaSample;
import io.callstream.ingest.parse.ParsedLine;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Turns per second tagged by {@link TopicTagger} (the shipped general taxonomy and Tesla watchlist, 22 topics, on
 * Lucene Monitor with highlights), against a naive baseline measured in the same run on the same text: every topic
 * as one precompiled {@code java.util.regex} pattern, run over the lower-cased text, collecting the matched spans.
 * One operation tags one paragraph of the bundled Tesla call as ingest parses it (the 223 paragraphs in turn, 244
 * characters on average, at most 760), so ops/s is turns/s.
 *
 * <p>The baseline's patterns are derived from the taxonomy files by {@link #regexFor}: every phrase and word a
 * topic's {@code query:} lines name outside a {@code NOT}, as an alternation of {@code \bword\w*} (words of a phrase
 * joined by {@code \W+}, a {@code *} prefix as {@code \w*}). It drops what Lucene adds (AND, NOT, proximity,
 * stemming beyond a suffix, sentence gaps), so it does less and matches more loosely: it is a floor for the cost of
 * looking for the same words, not a rival in quality.
 *
 * <p>Beside them, the learned tier's cost on the same paragraphs, on first sight of each sentence (no cache): each
 * sentence embedded by all-MiniLM-L6-v2 and scored by the shipped model ({@code learnedTier}), or read as words and
 * scored by the shipped word model ({@code wordModel}). The pipeline pays it once per sentence, and only where a model
 * is given or a taxonomy of the call has example topics.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TopicTaggingBenchmark {

    private static final Pattern PHRASE = Pattern.compile("\"([^\"]+)\"(?:~\\d+)?|([\\p{L}\\p{N}&*,.'-]+)");
    private static final Pattern NOT_CLAUSE = Pattern.compile("\\bNOT\\s+(?:\\([^)]*\\)|\"[^\"]*\"|\\S+)");
    private static final List<String> OPERATORS = List.of("AND", "OR", "NOT");

    private List<String> paragraphs;
    private TopicTagger tagger;
    private Map<String, Pattern> regexes;
    private int next;
    private SentenceEmbedder embedder;
    private TopicModel model;
    private WordTopicModel words;

    @Setup(Level.Trial)
    public void load() {
        paragraphs = TeslaSample.transcript().lines().stream().map(ParsedLine::text).toList();
        List<Taxonomy> taxonomies = TaxonomySet.defaults().forTicker("TSLA");
        tagger = TopicTagger.of(taxonomies);
        regexes = new LinkedHashMap<>();
        for (Taxonomy taxonomy : taxonomies) {
            for (TopicRule topic : taxonomy.topics()) {
                regexes.put(topic.id(), regexFor(topic));
            }
        }
        embedder = MiniLmSentenceEmbedder.uncached();
        model = LearnedTopics.shippedModel();
        words = LearnedTopics.shippedWordModel();
        long lucene = paragraphs.stream().mapToLong(text -> tagger.tag(text).size()).sum();
        long regex = paragraphs.stream().mapToLong(text -> baseline(text).size()).sum();
        System.out.printf("%n# %d paragraphs, %d topics: %d tags by TopicTagger, %d by the regex baseline%n",
                paragraphs.size(), regexes.size(), lucene, regex);
    }

    @TearDown(Level.Trial)
    public void close() {
        tagger.close();
    }

    @Benchmark
    public List<TopicTag> topicTagger() {
        return tagger.tag(nextParagraph());
    }

    /** The learned tier's work for one paragraph seen the first time: every sentence embedded and scored. */
    @Benchmark
    public double learnedTier() {
        String text = nextParagraph();
        double best = 0;
        for (TurnSentences.Sentence sentence : TurnSentences.of(text)) {
            for (double score : model.scores(embedder.embed(sentence.of(text)))) {
                best = Math.max(best, score);
            }
        }
        return best;
    }

    /** The word model's work for one paragraph seen the first time: every sentence read as words and scored. */
    @Benchmark
    public double wordModel() {
        String text = nextParagraph();
        double best = 0;
        for (TurnSentences.Sentence sentence : TurnSentences.of(text)) {
            for (double score : words.scores(sentence.of(text), null)) {
                best = Math.max(best, score);
            }
        }
        return best;
    }

    @Benchmark
    public List<TopicTag> baselineRegex() {
        return baseline(nextParagraph());
    }

    private String nextParagraph() {
        String text = paragraphs.get(next);
        next = (next + 1) % paragraphs.size();
        return text;
    }

    /** The baseline's tags: topics whose pattern occurs in the lower-cased text, with every occurrence. */
    private List<TopicTag> baseline(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        List<TopicTag> tags = new ArrayList<>();
        for (Map.Entry<String, Pattern> topic : regexes.entrySet()) {
            Matcher m = topic.getValue().matcher(lower);
            List<Span> evidence = null;
            while (m.find()) {
                if (evidence == null) {
                    evidence = new ArrayList<>();
                }
                evidence.add(Span.newBuilder().setStart(m.start()).setEnd(m.end())
                        .setText(text.substring(m.start(), m.end())).build());
            }
            if (evidence != null) {
                tags.add(TopicTag.newBuilder().setTopicId(topic.getKey()).setLabel("").setTaxonomyId("")
                        .setTaxonomyVersion("").setEvidence(evidence).build());
            }
        }
        return tags;
    }

    /** A topic's words and phrases, outside NOT clauses, as one case-insensitive-by-lowering alternation. */
    static Pattern regexFor(TopicRule topic) {
        List<String> alternatives = new ArrayList<>();
        for (TopicRule.QueryLine line : topic.queries()) {
            Matcher m = PHRASE.matcher(NOT_CLAUSE.matcher(line.query()).replaceAll(" "));
            while (m.find()) {
                String phrase = m.group(1) != null ? m.group(1) : m.group(2);
                if (m.group(2) != null && OPERATORS.contains(phrase)) {
                    continue;
                }
                List<String> words = new ArrayList<>();
                for (String word : phrase.toLowerCase(Locale.ROOT).split("[\\s-]+")) {
                    if (!word.isEmpty()) {
                        words.add(Pattern.quote(word.replace("*", "")) + "\\w*");
                    }
                }
                if (!words.isEmpty()) {
                    alternatives.add(String.join("\\W+", words));
                }
            }
        }
        return Pattern.compile("\\b(?:" + String.join("|", alternatives) + ")");
    }
}
