package io.callstream.enrich.tags;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The taxonomies a deployment tags with: general ones (no ticker), applied to every call, and company watchlists,
 * applied to the calls of their ticker. Checked as a whole when built: taxonomy ids are unique, and taxonomies
 * that can apply to the same call share no topic id (a topic id is a key in stores and alerts).
 */
public final class TaxonomySet {

    /** The shipped general taxonomy (the general topics of taxonomy.md in the shared docs). */
    public static final String GENERAL_RESOURCE = "/io/callstream/enrich/tags/general.taxonomy";
    /** The shipped Tesla watchlist, for the bundled call. */
    public static final String TSLA_RESOURCE = "/io/callstream/enrich/tags/tsla.taxonomy";

    private final List<Taxonomy> taxonomies;
    /** The set's tagger while some processor holds it, else null; see {@link #acquireTagger}. */
    private TopicTagger tagger;
    /** How many holders have acquired {@link #tagger} and not released it. */
    private int taggerHolders;

    private TaxonomySet(List<Taxonomy> taxonomies) {
        this.taxonomies = List.copyOf(taxonomies);
    }

    /** The shipped taxonomies: general topics and the Tesla watchlist. */
    public static TaxonomySet defaults() {
        TaxonomyParser parser = new TaxonomyParser();
        return of(List.of(parser.parseResource(GENERAL_RESOURCE), parser.parseResource(TSLA_RESOURCE)));
    }

    /** Users' taxonomy files, in place of the shipped ones; the first bad file stops the load. */
    public static TaxonomySet load(List<Path> files) throws IOException {
        TaxonomyParser parser = new TaxonomyParser();
        List<Taxonomy> parsed = new ArrayList<>();
        for (Path file : files) {
            parsed.add(parser.parse(file));
        }
        return of(parsed);
    }

    /** Taxonomies already parsed, checked together. */
    public static TaxonomySet of(List<Taxonomy> taxonomies) {
        Map<String, Taxonomy> byId = new HashMap<>();
        for (Taxonomy taxonomy : taxonomies) {
            Taxonomy first = byId.putIfAbsent(taxonomy.id(), taxonomy);
            if (first != null) {
                throw new TaxonomyException(taxonomy.source(), taxonomy.line(), "taxonomy id '" + taxonomy.id()
                        + "' is also the id of " + first.source() + " (line " + first.line() + ")");
            }
        }
        for (int i = 0; i < taxonomies.size(); i++) {
            for (int j = 0; j < i; j++) {
                checkDisjoint(taxonomies.get(j), taxonomies.get(i));
            }
        }
        return new TaxonomySet(taxonomies);
    }

    /** Two taxonomies that can tag one call must not both define a topic id. */
    private static void checkDisjoint(Taxonomy first, Taxonomy second) {
        boolean together = first.ticker() == null || second.ticker() == null
                || first.ticker().equals(second.ticker());
        if (!together) {
            return;
        }
        Map<String, TopicRule> firstTopics = new HashMap<>();
        first.topics().forEach(topic -> firstTopics.put(topic.id(), topic));
        for (TopicRule topic : second.topics()) {
            TopicRule clash = firstTopics.get(topic.id());
            if (clash != null) {
                throw new TaxonomyException(second.source(), topic.line(), "topic id '" + topic.id()
                        + "' is also defined in " + first.source() + " (line " + clash.line()
                        + "), which applies to the same calls");
            }
        }
    }

    /**
     * The tagger of every taxonomy of the set ({@code TopicTagger.of(all())}), shared by every holder at the same
     * time: every stream thread's tasks of a live instance, every worker of a backtest. Building one (two Lucene
     * Monitors over every rule) costs more than tagging a thousand lines, and it is safe to share: its rules are
     * fixed, its Monitors match concurrently, and its analyzer keeps its token streams per thread. Each holder
     * {@link #releaseTagger releases} it when it closes; the last one to go closes it, which stops the Monitors'
     * cache-purge threads (they are not daemons: an unclosed tagger keeps the JVM alive).
     */
    public synchronized TopicTagger acquireTagger() {
        if (tagger == null) {
            tagger = TopicTagger.of(taxonomies);
        }
        taggerHolders++;
        return tagger;
    }

    /** Gives back a tagger from {@link #acquireTagger}: closed when no one holds it any more. */
    public synchronized void releaseTagger(TopicTagger held) {
        if (held != tagger || taggerHolders == 0) {
            throw new IllegalStateException("a tagger released that this taxonomy set did not lend");
        }
        if (--taggerHolders == 0) {
            tagger.close();
            tagger = null;
        }
    }

    /** Every taxonomy of the set, in the order given. */
    public List<Taxonomy> all() {
        return taxonomies;
    }

    /**
     * The ticker a call's taxonomies are chosen by: its own where its source gives one, else the ticker of the first
     * watchlist naming its company ({@link Taxonomy#namesCompany}), else null (general topics only).
     */
    public String tickerFor(String ticker, String company) {
        if (ticker != null) {
            return ticker;
        }
        return taxonomies.stream().filter(t -> t.ticker() != null && t.namesCompany(company)).map(Taxonomy::ticker)
                .findFirst().orElse(null);
    }

    /** The taxonomies that apply to a call of {@code ticker}: the general ones, and that ticker's watchlists. */
    public List<Taxonomy> forTicker(String ticker) {
        return taxonomies.stream().filter(taxonomy -> taxonomy.appliesTo(ticker)).toList();
    }
}
