package io.callstream.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.callstream.enrich.EnrichOptions;
import io.callstream.enrich.tags.TaxonomySet;
import io.callstream.enrich.tags.TopicTagger;
import org.junit.jupiter.api.Test;

/** The backtest's tagger is built before the workers ask for it, shared with them, and given back when closed. */
class TaggerWarmUpTest {

    @Test
    void holdsOneTaggerForEveryRuleSetOfATaxonomySetUntilClosed() {
        EnrichOptions a = EnrichOptions.defaults();
        EnrichOptions b = new EnrichOptions(a.bounds(), a.taxonomies(), a.rules(), a.clock());
        TaxonomySet taxonomies = a.taxonomies();
        TopicTagger worker;
        try (TaggerWarmUp warmUp = TaggerWarmUp.start(List.of(new RuleSet("A", a), new RuleSet("B", b)))) {
            TopicTagger built = warmUp.built();
            worker = taxonomies.acquireTagger();
            assertThat(worker).as("the workers get the one built for them").isSameAs(built);
            taxonomies.releaseTagger(worker);
            assertThat(taxonomies.acquireTagger()).as("the warm-up still holds the one the worker had")
                    .isSameAs(worker);
            taxonomies.releaseTagger(worker);
        }
        TopicTagger after = taxonomies.acquireTagger();
        try {
            assertThat(after).as("built again: the warm-up gave its tagger back, once").isNotSameAs(worker);
        } finally {
            taxonomies.releaseTagger(after);
        }
    }
}
