package io.callstream.backtest;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.callstream.enrich.tags.TaxonomySet;
import io.callstream.enrich.tags.TopicTagger;

/**
 * Builds the rule sets' topic tagger on a thread of its own while the corpus is read, and holds it until closed, so
 * that the backtest's workers find it built (they share it: {@link TaxonomySet#acquireTagger}). Building it, two
 * Lucene Monitors of every topic's queries, is work of its own that needs nothing from the corpus; done first by
 * the workers, it kept both waiting at the start of the run.
 */
public final class TaggerWarmUp implements AutoCloseable {

    private final List<Held> held;

    private record Held(TaxonomySet taxonomies, CompletableFuture<TopicTagger> tagger) {
    }

    private TaggerWarmUp(List<Held> held) {
        this.held = held;
    }

    /** Starts building the tagger of each distinct taxonomy set of {@code ruleSets}. */
    public static TaggerWarmUp start(List<RuleSet> ruleSets) {
        Set<TaxonomySet> sets = new LinkedHashSet<>();
        ruleSets.forEach(r -> sets.add(r.options().taxonomies()));
        return new TaggerWarmUp(sets.stream().map(set -> {
            CompletableFuture<TopicTagger> tagger = new CompletableFuture<>();
            Thread thread = new Thread(() -> {
                try {
                    tagger.complete(set.acquireTagger());
                } catch (RuntimeException | Error e) {
                    tagger.completeExceptionally(e); // the workers build it again and report what fails
                }
            }, "tagger-warm-up");
            thread.setDaemon(true);
            thread.start();
            return new Held(set, tagger);
        }).toList());
    }

    /** The first rule set's tagger, once built. */
    TopicTagger built() {
        return held.get(0).tagger().join();
    }

    /** Gives each tagger back once it is built: the last holder to release it closes it. */
    @Override
    public void close() {
        for (Held h : held) {
            try {
                h.taxonomies().releaseTagger(h.tagger().join());
            } catch (RuntimeException e) {
                // it was never built, so there is nothing to give back
            }
        }
    }
}
