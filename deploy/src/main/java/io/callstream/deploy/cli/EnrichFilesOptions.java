package io.callstream.deploy.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.callstream.enrich.EnrichOptions;
import io.callstream.enrich.alerts.AlertRules;
import io.callstream.enrich.tags.TaxonomySet;
import io.callstream.enrich.tags.learned.LearnedTopics;
import io.callstream.enrich.tags.learned.ProcessEmbedder;
import io.callstream.enrich.tags.learned.SentenceEmbedder;
import io.callstream.enrich.tags.learned.SentenceTopicModel;
import picocli.CommandLine.Option;

/**
 * The taxonomy and alert-rules files a command runs the enrich topology with. Both are loaded and checked before
 * anything starts: a bad file stops the command with the file, the line and the reason.
 */
final class EnrichFilesOptions {

    @Option(names = "--taxonomy", paramLabel = "FILE",
            description = "A topic taxonomy file (repeat for several; default: the shipped general taxonomy and "
                    + "watchlists).")
    private List<Path> taxonomies = new ArrayList<>();

    @Option(names = "--rules", paramLabel = "FILE",
            description = "An alert rules file, YAML (default: the shipped rules; see the README).")
    private Path rules;

    @Option(names = "--topic-model", paramLabel = "shipped|words|FILE",
            description = "Tag with the learned topic tier beside the rules: 'shipped' for the model over sentence "
                    + "embeddings in the jar (it embeds every sentence once, about 800 sentences a second on each "
                    + "core), 'words' for the one over words (microseconds a sentence, a little less accurate), or a "
                    + "model file from 'train-topics' (default: the rules alone).")
    private String topicModel;

    /**
     * The options with these files; {@code bounds}, the clock and, without {@code --taxonomy}, the taxonomies as
     * {@code base} gives them. The learned tier is built here, for these taxonomies and model: a base without one
     * ({@link EnrichOptions#defaultsWithoutLearnedTier}) embeds nothing for it.
     */
    EnrichOptions load(EnrichOptions base) throws IOException {
        return load(base, ProcessEmbedder.get());
    }

    /** As {@link #load(EnrichOptions)}, the learned tier embedding with {@code embedder}. */
    EnrichOptions load(EnrichOptions base, SentenceEmbedder embedder) throws IOException {
        TaxonomySet loaded = taxonomies.isEmpty() ? base.taxonomies() : TaxonomySet.load(taxonomies);
        // The default rules name default topics: with other taxonomies and no --rules they may not load, and the
        // message then names the default rules file and the missing topic.
        AlertRules checked = rules == null ? AlertRules.defaults(EnrichOptions.topicIds(loaded))
                : AlertRules.load(rules, EnrichOptions.topicIds(loaded));
        return new EnrichOptions(base.bounds(), loaded, checked, base.clock(),
                LearnedTopics.forTaxonomies(model(), loaded, embedder));
    }

    private SentenceTopicModel model() throws IOException {
        if (topicModel == null) {
            return null;
        }
        if (topicModel.equals("shipped")) {
            return LearnedTopics.shippedModel();
        }
        if (topicModel.equals("words")) {
            return LearnedTopics.shippedWordModel();
        }
        Path file = Path.of(topicModel);
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--topic-model takes 'shipped', 'words' or a model file from "
                    + "train-topics; " + file + " is no file");
        }
        return SentenceTopicModel.read(file);
    }
}
