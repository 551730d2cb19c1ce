package io.callstream.enrich.tags;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.callstream.avro.Span;
import io.callstream.avro.TopicTag;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.monitor.HighlightsMatch;
import org.apache.lucene.monitor.MatchingQueries;
import org.apache.lucene.monitor.Monitor;
import org.apache.lucene.monitor.MonitorQuery;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;

/**
 * Tags a turn's text with the topics of some taxonomies, each tag with the words that made it fire.
 *
 * <p>Every topic is one query in a Lucene {@link Monitor} (id {@code taxonomyId/topicId}, its {@code query:} lines
 * OR-ed), so a turn is matched only against the rules whose words it contains. The evidence comes from
 * {@link HighlightsMatch}: Monitor indexes the turn in memory with the same analyzer as the rules, offsets
 * included, and reports where each matched word starts and ends in the text. Safe-harbour sentences are blanked
 * first ({@link SafeHarbourSentences}), so the boilerplate of an opening turn tags nothing.
 *
 * <p>Thread-safe: matching does not change the Monitor, which guards its query index for concurrent readers, and
 * the analyzer keeps its token streams per thread. One tagger can serve all stream threads of an instance.
 * Close it: the Monitor runs a background thread (its query cache purge) that would keep the JVM alive.
 */
public final class TopicTagger implements AutoCloseable {

    /** How a text to match is indexed: positions and offsets, so that hits point into the text. */
    static final FieldType TEXT_WITH_OFFSETS = textWithOffsets();

    private final Analyzer analyzer;
    private final Monitor monitor;
    private final Map<String, Rule> rules;
    private final TopicClauses clauses;

    private TopicTagger(Analyzer analyzer, Monitor monitor, Map<String, Rule> rules, TopicClauses clauses) {
        this.analyzer = analyzer;
        this.monitor = monitor;
        this.rules = rules;
        this.clauses = clauses;
    }

    /** A tagger for the topics of {@code taxonomies} (which were checked when parsed). */
    public static TopicTagger of(List<Taxonomy> taxonomies) {
        Analyzer analyzer = new TopicAnalyzer();
        TopicQueries queries = new TopicQueries(analyzer);
        Map<String, Rule> rules = new HashMap<>();
        List<Rule> inOrder = new ArrayList<>();
        List<MonitorQuery> monitorQueries = new ArrayList<>();
        for (Taxonomy taxonomy : taxonomies) {
            for (TopicRule topic : taxonomy.topics()) {
                if (topic.queries().isEmpty()) {
                    continue; // defined by examples alone: the learned tier tags it (ExampleTopics)
                }
                String id = taxonomy.id() + "/" + topic.id();
                Rule rule = new Rule(taxonomy, topic);
                if (rules.put(id, rule) != null) {
                    throw new IllegalArgumentException("topic " + id + " given twice");
                }
                inOrder.add(rule);
                monitorQueries.add(new MonitorQuery(id, query(taxonomy, topic, queries), null, Map.of(
                        "taxonomy", taxonomy.id(), "version", taxonomy.version(), "topic", topic.id())));
            }
        }
        Monitor monitor = null;
        try {
            monitor = new Monitor(analyzer);
            monitor.register(monitorQueries);
            TopicClauses clauses = TopicClauses.of(analyzer, queries, inOrder);
            return new TopicTagger(analyzer, monitor, Map.copyOf(rules), clauses);
        } catch (IOException | RuntimeException e) {
            closeQuietly(monitor, e);
            analyzer.close();
            throw e instanceof IOException io ? new UncheckedIOException("cannot build the tag rules", io)
                    : (RuntimeException) e;
        }
    }

    private static Query query(Taxonomy taxonomy, TopicRule topic, TopicQueries queries) {
        BooleanQuery.Builder anyOf = new BooleanQuery.Builder();
        for (TopicRule.QueryLine line : topic.queries()) {
            try {
                anyOf.add(queries.parse(line.query()), BooleanClause.Occur.SHOULD);
            } catch (TopicQueries.InvalidQueryException e) {
                // Only a Taxonomy built by hand, not by TaxonomyParser, gets here.
                throw new TaxonomyException(taxonomy.source(), line.line(), "invalid query: " + e.getMessage());
            }
        }
        return anyOf.build();
    }

    /** The topics of every taxonomy of this tagger that {@code text} is about, by topic id. */
    public List<TopicTag> tag(String text) {
        return tag(text, null, true);
    }

    /** As {@link #tag(String)}, with only the taxonomies that apply to a call of {@code ticker}. */
    public List<TopicTag> tag(String text, String ticker) {
        return tag(text, ticker, false);
    }

    private List<TopicTag> tag(String text, String ticker, boolean all) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        // Same length as the text, so the hits' offsets are the text's.
        String matchable = SafeHarbourSentences.blank(text);
        if (matchable.isBlank()) {
            return List.of();
        }
        Document turn = new Document();
        turn.add(new Field(TopicAnalyzer.FIELD, matchable, TEXT_WITH_OFFSETS));
        MatchingQueries<HighlightsMatch> matches;
        try {
            matches = monitor.match(turn, HighlightsMatch.MATCHER);
        } catch (IOException e) {
            throw new UncheckedIOException("matching a turn against the tag rules", e); // all in memory
        }
        if (!matches.getErrors().isEmpty()) {
            Map.Entry<String, Exception> first = matches.getErrors().entrySet().iterator().next();
            throw new IllegalStateException("tag rule " + first.getKey() + " failed", first.getValue());
        }
        List<TopicTag> tags = new ArrayList<>();
        for (HighlightsMatch match : matches.getMatches()) {
            Rule rule = rules.get(match.getQueryId());
            if (all || rule.taxonomy.appliesTo(ticker)) {
                tags.add(rule.tag(EvidenceSpans.of(text, match.getHits(TopicAnalyzer.FIELD))));
            }
        }
        tags.sort(Comparator.comparing(TopicTag::getTopicId).thenComparing(TopicTag::getTaxonomyId));
        return tags;
    }

    /** The topics taken apart into clauses, for tagging a growing turn piece by piece ({@link GrowingTurnTags}). */
    TopicClauses clauses() {
        return clauses;
    }

    @Override
    public void close() {
        try {
            try {
                clauses.close();
            } finally {
                monitor.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("closing the tag rules", e);
        } finally {
            analyzer.close();
        }
    }

    private static void closeQuietly(Monitor monitor, Exception cause) {
        if (monitor != null) {
            try {
                monitor.close();
            } catch (IOException e) {
                cause.addSuppressed(e);
            }
        }
    }

    private static FieldType textWithOffsets() {
        FieldType type = new FieldType();
        type.setTokenized(true);
        type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        type.freeze();
        return type;
    }

    /** What a tag says about its topic, besides the evidence. */
    record Rule(Taxonomy taxonomy, TopicRule topic) {

        TopicTag tag(List<Span> evidence) {
            return TopicTag.newBuilder()
                    .setTopicId(topic.id())
                    .setLabel(topic.label())
                    .setTaxonomyId(taxonomy.id())
                    .setTaxonomyVersion(taxonomy.version())
                    .setEvidence(evidence)
                    .build();
        }
    }
}
