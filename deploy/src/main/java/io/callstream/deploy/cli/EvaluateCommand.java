package io.callstream.deploy.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
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
import io.callstream.ingest.source.CallOverrides;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Runs one transcript through enrich in this process (TagEvaluation) and scores its topic tags on the FINAL turns
 * against hand labels: precision, recall and F1 per topic, then micro-F1 on the last line. Given a folder of gold files,
 * it scores every call of it and pools them: the counts summed over the calls, as a season of labelled calls is judged.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Score topic tags against hand labels, one call or many.",
        footer = {"", "The gold file has one JSON object per FINAL turn, in order:",
                "  {\"turnIndex\": 0, \"speaker\": \"Operator\", \"topics\": [\"guidance\"]}",
                "With --gold DIR and --corpus DIR, each ID.gold.jsonl under the --gold folder is scored on the "
                        + "transcript ID.txt found under the --corpus folder, a line per call, and the counts are "
                        + "pooled over the calls; --ticker, --company and --format then apply to every call.",
                "The last line printed is 'micro-F1 0.NN' (pooled, for a folder)."})
final class EvaluateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--input", paramLabel = "TRANSCRIPT",
            description = "The call's transcript, in any layout 'ingest file' reads.")
    private Path input;

    @Option(names = "--gold", paramLabel = "GOLD.jsonl|DIR",
            description = "The hand labels: a gold file, or a folder of them (ID.gold.jsonl, searched recursively; "
                    + "give --corpus instead of --input).")
    private Path gold;

    @Option(names = "--corpus", paramLabel = "DIR",
            description = "With --gold DIR: the folder holding each labelled call's transcript as ID.txt, searched "
                    + "recursively.")
    private Path corpus;

    @Option(names = "--template", paramLabel = "OUT.jsonl",
            description = "Instead of scoring, write a gold file to label by hand: every FINAL turn with its speaker "
                    + "and text, and no topics yet.")
    private Path template;

    @Option(names = "--format", paramLabel = "NAME",
            description = "The layout of the transcripts, where detection is not enough.")
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
        if ((gold == null) == (template == null)) {
            throw usage("Give --gold to score the tags, or --template to write a file to label (one of them)");
        }
        if (gold != null && !Files.exists(gold)) {
            throw usage("--gold " + gold + ": no such file or folder");
        }
        boolean folder = gold != null && Files.isDirectory(gold);
        if (folder && (input != null || corpus == null)) {
            throw usage("--gold " + gold + " is a folder: give --corpus DIR, the folder of its calls' transcripts, "
                    + "instead of --input");
        }
        if (!folder && (input == null || corpus != null)) {
            throw usage("Give --input TRANSCRIPT with a gold file or --template; --corpus goes with a folder of gold "
                    + "files");
        }
        CallOverrides given = metadata.overrides();
        if (folder && (given.callId() != null || given.fiscalPeriod() != null || given.scheduledStart() != null)) {
            throw usage("--call-id, --fiscal-period and --start describe one call; a folder of gold files names each "
                    + "call by its file, and each transcript gives its own period and start");
        }
        EnrichOptions options = enrichFiles.load(EnrichOptions.defaultsWithoutLearnedTier());
        if (template != null) {
            List<EnrichedTurn> finals = TagEvaluation.finals(options, input, format, metadata.overrides());
            GoldTemplate.write(template, finals);
            out.printf("Wrote %d FINAL turns to %s: put each turn's topic ids in \"topics\" (and, if you like, "
                    + "the spans that carry them in \"evidence\"), then score with --gold.%n", finals.size(), template);
            out.flush();
            return 0;
        }
        TopicScores scores = folder ? scoreFolder(out, options) : scoreCall(out, options);
        out.printf("micro-F1 %.2f%n", scores.micro().f1());
        out.flush();
        return 0;
    }

    private TopicScores scoreCall(PrintWriter out, EnrichOptions options) throws Exception {
        TagEvaluation evaluation = evaluate(options, input, gold);
        printNotes(out, "", evaluation);
        out.printf("Call %s: %d FINAL turns, tagged with %s%n%n", evaluation.callId(), evaluation.finals().size(),
                names(evaluation.applied()));
        printTable(out, evaluation.scores());
        if (showErrors) {
            printErrors(out, "", evaluation);
        }
        return evaluation.scores();
    }

    /** A line per call, then the pooled table: a call of 5 turns weighs as its 5 turns do, not as one of 150. */
    private TopicScores scoreFolder(PrintWriter out, EnrichOptions options) throws Exception {
        List<TagEvaluation> evaluations = new ArrayList<>();
        for (LabelledCalls.LabelledCall call : LabelledCalls.find(gold, corpus)) {
            TagEvaluation evaluation = evaluate(options, call.transcript(), call.gold());
            printNotes(out, call.id() + ": ", evaluation);
            evaluations.add(evaluation);
        }
        Set<String> applied = new LinkedHashSet<>();
        evaluations.forEach(e -> applied.addAll(names(e.applied())));
        out.printf("%d calls of %s, %d FINAL turns, tagged with %s%n%n", evaluations.size(), gold,
                evaluations.stream().mapToInt(e -> e.finals().size()).sum(), applied);
        int width = Math.max(18, evaluations.stream().mapToInt(e -> e.callId().length()).max().orElse(0));
        out.printf("%-" + width + "s %5s %5s %5s %5s %9s %6s %6s%n", "call", "turns", "gold", "tags", "hits",
                "precision", "recall", "F1");
        for (TagEvaluation e : evaluations) {
            out.printf("%-" + width + "s %5d %s%n", e.callId(), e.finals().size(), counts(e.scores().micro()));
        }
        TopicScores pooled = TopicScores.pooled(evaluations.stream().map(TagEvaluation::scores).toList());
        out.printf("%n%s%n%n", "Pooled over the calls:");
        printTable(out, pooled);
        if (showErrors) {
            for (TagEvaluation e : evaluations) {
                printErrors(out, e.callId() + " ", e);
            }
        }
        return pooled;
    }

    private TagEvaluation evaluate(EnrichOptions options, Path transcript, Path goldFile) throws Exception {
        GoldSet labels = GoldSet.read(goldFile, EnrichOptions.topicIds(options.taxonomies()));
        return TagEvaluation.of(options, transcript, format, metadata.overrides(), labels);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private static void printNotes(PrintWriter out, String prefix, TagEvaluation evaluation) {
        if (!evaluation.outside().isEmpty()) {
            out.printf("%sNote: the gold file uses %s, from a taxonomy this call's ticker (%s) does not select; they "
                    + "are scored as missed. Give --ticker to apply it.%n", prefix, evaluation.outside(),
                    evaluation.ticker());
        }
        if (evaluation.drifted() > 0) {
            out.printf("%sNote: %d turns' text differs from the text the gold file was labelled on: turns are cut "
                    + "differently now, and their labels may belong to other turns.%n", prefix, evaluation.drifted());
        }
    }

    private static List<String> names(List<Taxonomy> applied) {
        return applied.stream().map(t -> t.id() + " " + t.version()).toList();
    }

    private static String counts(TopicScores.Counts c) {
        return String.format("%5d %5d %5d %9.2f %6.2f %6.2f", c.truePositives() + c.falseNegatives(),
                c.truePositives() + c.falsePositives(), c.truePositives(), c.precision(), c.recall(), c.f1());
    }

    private static void printTable(PrintWriter out, TopicScores scores) {
        out.printf("%-18s %5s %5s %5s %9s %6s %6s%n", "topic", "gold", "tags", "hits", "precision", "recall", "F1");
        scores.byTopic().forEach((topic, c) -> out.printf("%-18s %s%n", topic, counts(c)));
        out.printf("%-18s %s%n%n", "all (micro)", counts(scores.micro()));
    }

    private static void printErrors(PrintWriter out, String prefix, TagEvaluation evaluation) {
        List<Set<String>> predicted = evaluation.predicted();
        List<Set<String>> labelled = evaluation.labelled();
        for (int i = 0; i < labelled.size(); i++) {
            if (!predicted.get(i).equals(labelled.get(i))) {
                Set<String> missed = new TreeSet<>(labelled.get(i));
                missed.removeAll(predicted.get(i));
                Set<String> extra = new TreeSet<>(predicted.get(i));
                extra.removeAll(labelled.get(i));
                String text = evaluation.finals().get(i).getTurn().getText();
                out.printf("%sturn %d: missed %s, extra %s: %s%n", prefix, i, missed, extra,
                        text.length() > 160 ? text.substring(0, 160) + "\u2026" : text);
            }
        }
        out.println();
    }
}
