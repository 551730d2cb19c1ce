package io.callstream.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.callstream.enrich.EnrichOptions;
import io.callstream.enrich.tags.TaxonomySet;
import io.callstream.enrich.tags.learned.SentenceEmbedder;
import org.junit.jupiter.api.Test;

/** The options a command loads: the learned tier built once, embedding with the embedder the command gives. */
class EnrichFilesOptionsTest {

    /** Records what it embeds; every sentence gets the same vector, which these tests do not read. */
    private static final class RecordingEmbedder implements SentenceEmbedder {

        private final List<String> embedded = new ArrayList<>();

        @Override
        public String id() {
            return "recording";
        }

        @Override
        public float[] embed(String sentence) {
            embedded.add(sentence);
            return new float[] {1, 0};
        }
    }

    @Test
    void embedsTheShippedWatchlistsExamplesOnceWithTheEmbedderItIsGiven() throws Exception {
        // A backtest gives its embeddings on disk: the sentence model must not be loaded behind its back to embed the
        // examples for a tier built and thrown away before this one.
        RecordingEmbedder given = new RecordingEmbedder();

        EnrichOptions options = new EnrichFilesOptions().load(EnrichOptions.defaultsWithoutLearnedTier(), given);

        assertThat(options.learned()).isNotNull();
        assertThat(given.embedded).isNotEmpty().doesNotHaveDuplicates()
                .anyMatch(example -> example.contains("Model 3"));
    }

    @Test
    void theDefaultsWithoutTheLearnedTierKeepTheShippedTaxonomiesAndRules() {
        EnrichOptions without = EnrichOptions.defaultsWithoutLearnedTier();

        assertThat(without.learned()).isNull();
        assertThat(without.taxonomies().all()).hasSameSizeAs(TaxonomySet.defaults().all());
        assertThat(without.rules().id()).isEqualTo("default");
    }
}
