package io.callstream.deploy.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

import io.callstream.avro.EnrichedTurn;
import io.callstream.avro.TopicTag;
import io.callstream.backtest.evaluate.GoldSet;
import io.callstream.backtest.evaluate.TagEvaluation;
import io.callstream.enrich.EnrichOptions;
import io.callstream.enrich.tags.TurnSentences;
import io.callstream.enrich.tags.learned.LabelledSentence;
import io.callstream.enrich.tags.learned.LabelledTurn;
import io.callstream.enrich.tags.learned.ProcessEmbedder;
import io.callstream.enrich.tags.learned.SentenceEmbedder;
import io.callstream.enrich.tags.learned.TopicModel;
import io.callstream.enrich.tags.learned.TopicModelTrainer;
import io.callstream.enrich.tags.learned.WordTopicModel;
import io.callstream.enrich.tags.learned.WordTopicModelTrainer;
import io.callstream.ingest.source.CallOverrides;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Trains the learned topic tier from hand labels: every gold file under {@code --labels} whose evidence names the
 * sentences that carry its topics, on the turns the pipeline cuts from the transcript of the same name under
 * {@code --corpus}. Deterministic: the same labels and transcripts give the same model, byte for byte.
 */
@Command(name = "train-topics", mixinStandardHelpOptions = true,
        description = "Train the learned topic tier from hand-labelled calls.",
        footer = {"", "Label a call with 'evaluate --template', keeping for each topic the sentences that carry it in "
                + "\"evidence\"; a file named ID.gold.jsonl is trained on the transcript ID.txt (found anywhere under "
                + "--corpus). Use the model with --topic-model FILE on demo, enrich, evaluate and backtest."})
final class TrainTopicsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--labels", required = true, paramLabel = "DIR",
            description = "A folder of gold files (ID.gold.jsonl), searched recursively.")
    private Path labels;

    @Option(names = "--corpus", required = true, paramLabel = "DIR",
            description = "A folder holding each labelled call's transcript as ID.txt, searched recursively.")
    private Path corpus;

    @Option(names = "--out", required = true, paramLabel = "MODEL", description = "The model file to write (JSON).")
    private Path out;

    @Option(names = "--model-id", paramLabel = "ID",
            description = "The model's id, on every tag it makes (default: general-learned, or general-words with "
                    + "--features words).")
    private String modelId;

    /** What a model reads of a sentence. */
    enum Features { embeddings, words }

    @Option(names = "--features", paramLabel = "embeddings|words", defaultValue = "embeddings",
            description = "What the model reads of a sentence: its embedding (all-MiniLM-L6-v2; the default) or its "
                    + "words and word pairs (no encoder: microseconds a sentence).")
    private Features features;

    @Option(names = "--model-version", required = true, paramLabel = "VERSION",
            description = "The model's version, on every tag it makes: change it whenever you train again.")
    private String modelVersion;

    @Override
    public Integer call() throws Exception {
        PrintWriter console = spec.commandLine().getOut();
        // The rules alone: a turn's rule topics are what the model is trained beside, and the shipped watchlist's
        // topics defined by examples would load the sentence encoder even to train a word model.
        EnrichOptions options = EnrichOptions.defaultsWithoutLearnedTier();
        Set<String> known = EnrichOptions.topicIds(options.taxonomies());
        boolean words = features == Features.words;
        List<LabelledCalls.LabelledCall> calls = LabelledCalls.find(labels, corpus);
        if (calls.size() < 2) {
            throw new ParameterException(spec.commandLine(), "found " + calls.size() + " labelled call(s) under "
                    + labels + " with a transcript under " + corpus + ": the threshold is cross-validated over "
                    + "calls, so give at least 2");
        }
        SentenceEmbedder embedder = words ? null : ProcessEmbedder.get();
        List<LabelledTurn> turns = new ArrayList<>();
        Set<String> learnt = new TreeSet<>();
        for (LabelledCalls.LabelledCall call : calls) {
            String id = call.id();
            Path goldFile = call.gold();
            Path transcript = call.transcript();
            GoldSet gold = GoldSet.read(goldFile, known);
            List<EnrichedTurn> finals = finals(options, transcript);
            if (finals.size() != gold.turns().size()) {
                throw new IllegalArgumentException(goldFile + ": labels " + gold.turns().size() + " turns, but "
                        + transcript + " gives " + finals.size() + " FINAL turns: the labels are for another cut");
            }
            for (int i = 0; i < finals.size(); i++) {
                turns.add(labelled(id, goldFile, gold.turns().get(i), finals.get(i), embedder, learnt));
            }
            console.printf("%s: %d turns%n", id, finals.size());
            console.flush();
        }
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("labels", calls.stream().map(c -> c.gold().getFileName().toString()).toList());
        Map<String, Object> trained;
        if (words) {
            WordTopicModel model = new WordTopicModelTrainer(List.copyOf(learnt)).train(
                    modelId == null ? "general-words" : modelId, modelVersion, turns, provenance);
            model.write(out);
            trained = model.provenance();
            console.printf("Wrote %s %s to %s: %d topics over %d words and word pairs, threshold %.2f, ", model.id(),
                    model.version(), out, model.topics().size(), model.weights().size(), model.threshold());
        } else {
            TopicModel model = new TopicModelTrainer(List.copyOf(learnt)).train(
                    modelId == null ? "general-learned" : modelId, modelVersion, embedder.id(), turns, provenance);
            model.write(out);
            trained = model.provenance();
            console.printf("Wrote %s %s to %s: %d topics, threshold %.2f, ", model.id(), model.version(), out,
                    model.topics().size(), model.threshold());
        }
        console.printf("trained on %s turns, %s sentences; cross-validated micro-F1 by threshold %s%n",
                trained.get("turns"), trained.get("sentences"),
                ((Map<?, ?>) trained.get("crossValidation")).get("microF1ByThreshold"));
        console.flush();
        return 0;
    }

    private static LabelledTurn labelled(String call, Path goldFile, GoldSet.GoldTurn labels,
                                                         EnrichedTurn turn, SentenceEmbedder embedder,
                                                         Set<String> learnt) {
        String text = turn.getTurn().getText();
        if (labels.textSha256() != null && !labels.textSha256().equals(GoldSet.sha256(text))) {
            throw new IllegalArgumentException(goldFile + ": turn " + labels.turnIndex() + " was labelled on another "
                    + "text than the pipeline cuts today: label the call again from 'evaluate --template'");
        }
        List<LabelledSentence> sentences = new ArrayList<>();
        for (TurnSentences.Sentence sentence : TurnSentences.of(text)) {
            Set<String> carries = new TreeSet<>();
            labels.evidence().forEach((topic, spans) -> {
                if (spans.stream().anyMatch(s -> s.start() < sentence.end() && sentence.start() < s.end())) {
                    carries.add(topic);
                }
            });
            learnt.addAll(carries);
            sentences.add(new LabelledSentence(sentence.of(text),
                    embedder == null ? null : embedder.embed(sentence.of(text)), carries));
        }
        Set<String> ruleTopics = new TreeSet<>();
        for (TopicTag tag : turn.getTopics()) {
            ruleTopics.add(tag.getTopicId());
        }
        return new LabelledTurn(call, labels.topics(), ruleTopics, sentences);
    }

    private static List<EnrichedTurn> finals(EnrichOptions options, Path transcript) throws Exception {
        return TagEvaluation.finals(options, transcript, null, CallOverrides.NONE);
    }
}
