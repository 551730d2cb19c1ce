package io.callstream.enrich;

import io.callstream.enrich.tags.learned.LearnedTopics;

import java.time.Clock;
import java.util.Set;
import java.util.TreeSet;

import io.callstream.enrich.alerts.AlertRules;
import io.callstream.enrich.tags.TaxonomySet;
import io.callstream.enrich.turns.AssemblyBounds;

/**
 * What the enrich topology is built with, loaded and checked before it is built: a bad taxonomy or rules file
 * fails here, with its file and line, and nothing half-loaded reaches the topology.
 *
 * @param bounds     turn assembly's bounds
 * @param taxonomies the topic taxonomies (the general one and watchlists chosen by ticker)
 * @param rules      the alert rules; their topic ids were checked against {@code taxonomies}
 * @param clock      stamps alerts' {@code emittedAt}, the one value that is not a function of the records
 * @param learned    the learned topic tier beside the rules (a trained model, the topics defined by examples), or
 *                   null to tag with the rules alone
 */
public record EnrichOptions(AssemblyBounds bounds, TaxonomySet taxonomies, AlertRules rules, Clock clock,
                            LearnedTopics learned) {

    /** No trained model: the rules, and the taxonomies' topics defined by examples. */
    public EnrichOptions(AssemblyBounds bounds, TaxonomySet taxonomies, AlertRules rules, Clock clock) {
        this(bounds, taxonomies, rules, clock, LearnedTopics.forTaxonomies(null, taxonomies));
    }

    /** The shipped taxonomies and default rules, with the taxonomies' topics defined by examples. */
    public static EnrichOptions defaults() {
        EnrichOptions base = defaultsWithoutLearnedTier();
        return base.withLearned(LearnedTopics.forTaxonomies(null, base.taxonomies()));
    }

    /**
     * The shipped taxonomies and default rules, without the learned tier: the base of options whose tier is built
     * from the files and model a command is given. Building the default tier first would embed the shipped
     * watchlist's examples for nothing, loading the sentence model (about a second and 90 MB) even for a backtest
     * whose embeddings on disk hold every sentence.
     */
    public static EnrichOptions defaultsWithoutLearnedTier() {
        TaxonomySet taxonomies = TaxonomySet.defaults();
        return new EnrichOptions(AssemblyBounds.defaults(), taxonomies, AlertRules.defaults(topicIds(taxonomies)),
                Clock.systemUTC(), null);
    }

    public EnrichOptions withBounds(AssemblyBounds other) {
        return new EnrichOptions(other, taxonomies, rules, clock, learned);
    }

    /** These options with the learned topic tier beside the rules (null: the rules alone). */
    public EnrichOptions withLearned(LearnedTopics other) {
        return new EnrichOptions(bounds, taxonomies, rules, clock, other);
    }

    /** Every topic id the taxonomies define. */
    public static Set<String> topicIds(TaxonomySet taxonomies) {
        Set<String> ids = new TreeSet<>();
        taxonomies.all().forEach(t -> t.topics().forEach(topic -> ids.add(topic.id())));
        return ids;
    }
}
