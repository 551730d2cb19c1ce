package io.callstream.deploy.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

import io.callstream.avro.EnrichedTurn;
import io.callstream.backtest.evaluate.GoldSet;
import io.callstream.backtest.evaluate.GoldTemplate;
import io.callstream.backtest.evaluate.TagEvaluation;
import io.callstream.backtest.evaluate.TopicScores;
import io.callstream.enrich.EnrichOptions;
import io.callstream.enrich.tags.Taxonomy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Runs one transcript through enrich in this process (TagEvaluation) and scores its topic tags on the FINAL turns
 * against hand labels: precision, recall and F1 per topic, then micro-F1 on the last line.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Score topic tags on a transcript against hand labels.",
        footer = {"", "The gold file has one JSON object per FINAL turn, in order:",
                "  {\"turnIndex\": 0, \"speaker\": \"Operator\", \"topics\": [\"guidance\"]}",
                "The last line printed is 'micro-F1 0.NN'."})
final class EvaluateCommand implements Callable<Integer> {

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "TRANSCRIPT",
            description = "The call's transcript, in any layout 'ingest file' reads.")
    private Path input;

    @Option(names = "--gold", paramLabel = "GOLD.jsonl", description = "The hand labels.")
    private Path gold;

    @Option(names = "--template", paramLabel = "OUT.jsonl",
            description = "Instead of scoring, write a gold file to label by hand: every FINAL turn with its speaker "
                    + "and text, and no topics yet.")
    private Path template;

    @Option(names = "--format", paramLabel = "NAME", description = "The layout of --input, where detection is not enough.")
    private String format;

    @Option(names = "--show-errors", description = "Also list each turn where the tags and the labels differ.")
    private boolean showErrors;

    @Mixin
    private CallMetadataOptions metadata;

    @Mixin
    private EnrichFilesOptions enrichFiles;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        EnrichOptions options = enrichFiles.load(EnrichOptions.defaultsWithoutLearnedTier());
        if ((gold == null) == (template == null)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "Give --gold to score the tags, or --template to write a file to label (one of them)");
        }
        if (template != null) {
            List<EnrichedTurn> finals = TagEvaluation.finals(options, input, format, metadata.overrides());
            GoldTemplate.write(template, finals);
            out.printf("Wrote %d FINAL turns to %s: put each turn's topic ids in \"topics\" (and, if you like, "
                    + "the spans that carry them in \"evidence\"), then score with --gold.%n", finals.size(), template);
            out.flush();
            return 0;
        }
        GoldSet labels = GoldSet.read(gold, EnrichOptions.topicIds(options.taxonomies()));
        TagEvaluation evaluation = TagEvaluation.of(options, input, format, metadata.overrides(), labels);
        if (!evaluation.outside().isEmpty()) {
            out.printf("Note: the gold file uses %s, from a taxonomy this call's ticker (%s) does not select; they "
                    + "are scored as missed. Give --ticker to apply it.%n", evaluation.outside(),
                    evaluation.ticker());
        }
        if (evaluation.drifted() > 0) {
            out.printf("Note: %d turns' text differs from the text the gold file was labelled on: turns are cut "
                    + "differently now, and their labels may belong to other turns.%n", evaluation.drifted());
        }
        print(out, evaluation.callId(), evaluation.applied(), evaluation.finals().size(), evaluation.scores());
        if (showErrors) {
            printErrors(out, evaluation.finals(), evaluation.predicted(), evaluation.labelled());
        }
        out.printf("micro-F1 %.2f%n", evaluation.scores().micro().f1());
        out.flush();
        return 0;
    }

    private static void print(PrintWriter out, String callId, List<Taxonomy> applied, int turns, TopicScores scores) {
        out.printf("Call %s: %d FINAL turns, tagged with %s%n%n", callId, turns,
                applied.stream().map(t -> t.id() + " " + t.version()).toList());
        out.printf("%-18s %5s %5s %5s %9s %6s %6s%n", "topic", "gold", "tags", "hits", "precision", "recall", "F1");
        scores.byTopic().forEach((topic, c) -> out.printf("%-18s %5d %5d %5d %9.2f %6.2f %6.2f%n", topic,
                c.truePositives() + c.falseNegatives(), c.truePositives() + c.falsePositives(), c.truePositives(),
                c.precision(), c.recall(), c.f1()));
        TopicScores.Counts m = scores.micro();
        out.printf("%-18s %5d %5d %5d %9.2f %6.2f %6.2f%n%n", "all (micro)", m.truePositives() + m.falseNegatives(),
                m.truePositives() + m.falsePositives(), m.truePositives(), m.precision(), m.recall(), m.f1());
    }

    private static void printErrors(PrintWriter out, List<EnrichedTurn> finals, List<Set<String>> predicted,
                                    List<Set<String>> labelled) {
        for (int i = 0; i < labelled.size(); i++) {
            if (!predicted.get(i).equals(labelled.get(i))) {
                Set<String> missed = new TreeSet<>(labelled.get(i));
                missed.removeAll(predicted.get(i));
                Set<String> extra = new TreeSet<>(predicted.get(i));
                extra.removeAll(labelled.get(i));
                String text = finals.get(i).getTurn().getText();
                out.printf("turn %d: missed %s, extra %s: %s%n", i, missed, extra,
                        text.length() > 160 ? text.substring(0, 160) + "\u2026" : text);
            }
        }
        out.println();
    }
}
