package io.callstream.enrich.tags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A taxonomy set lends one tagger to all its holders at once and closes it when the last gives it back. */
class SharedTaggerTest {

    @Test
    void holdersShareOneTaggerUntilTheLastReleasesIt() {
        TaxonomySet taxonomies = TaxonomySet.defaults();
        TopicTagger first = taxonomies.acquireTagger();
        TopicTagger second = taxonomies.acquireTagger();
        assertThat(second).isSameAs(first);

        taxonomies.releaseTagger(first);
        assertThat(taxonomies.acquireTagger()).as("still held by one").isSameAs(first);
        taxonomies.releaseTagger(first);
        taxonomies.releaseTagger(second);

        TopicTagger next = taxonomies.acquireTagger();
        assertThat(next).as("built again once every holder let go").isNotSameAs(first);
        assertThat(next.tag("We will raise capital next year.", null)).isNotEmpty();
        taxonomies.releaseTagger(next);
    }

    @Test
    void refusesATaggerItDidNotLend() {
        TaxonomySet taxonomies = TaxonomySet.defaults();
        TopicTagger own = TopicTagger.of(taxonomies.all());
        try {
            assertThatThrownBy(() -> taxonomies.releaseTagger(own)).isInstanceOf(IllegalStateException.class);
        } finally {
            own.close();
        }
    }
}
