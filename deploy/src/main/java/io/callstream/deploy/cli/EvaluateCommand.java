package io.callstream.deploy.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

import io.callstream.avro.CallEvent;
import io.callstream.avro.CallStarted;
import io.callstream.avro.EnrichedTurn;
import io.callstream.avro.Status;
import io.callstream.avro.TopicTag;
import io.callstream.backtest.inprocess.InProcessEnrich;
import io.callstream.deploy.evaluate.GoldSet;
import io.callstream.deploy.evaluate.GoldTemplate;
import io.callstream.deploy.evaluate.TopicScores;
import io.callstream.enrich.EnrichOptions;
import io.callstream.enrich.tags.Taxonomy;
import io.callstream.enrich.tags.TaxonomySet;
import io.callstream.ingest.parse.TranscriptFormats;
import io.callstream.ingest.source.CallFileReader;
import io.callstream.ingest.source.CallOverrides;
import io.callstream.ingest.source.LoadedCall;
import io.callstream.schemas.versions.LatestVersions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Runs one transcript through the enrich topology in this process and scores its topic tags on the FINAL turns
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
        EnrichOptions options = enrichFiles.load(EnrichOptions.defaults());
        if ((gold == null) == (template == null)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "Give --gold to score the tags, or --template to write a file to label (one of them)");
        }
        if (template != null) {
            List<EnrichedTurn> finals = finals(options, load(metadata.overrides()));
            GoldTemplate.write(template, finals);
            out.printf("Wrote %d FINAL turns to %s: put each turn's topic ids in \"topics\" (and, if you like, "
                    + "the spans that carry them in \"evidence\"), then score with --gold.%n", finals.size(), template);
            out.flush();
            return 0;
        }
        TaxonomySet loaded = options.taxonomies();
        Set<String> known = EnrichOptions.topicIds(loaded);
        GoldSet labels = GoldSet.read(gold, known);
        LoadedCall call = load(metadata.overrides());
        String ticker = tickerOf(call.events());
        // The labels say which watchlist the call was labelled against: a call whose file names no ticker is
        // tagged with the watchlist that defines the labels' topics, as if its ticker had been given.
        String implied = impliedTicker(loaded, labels);
        if (ticker == null && implied != null) {
            CallOverrides o = metadata.overrides();
            call = load(new CallOverrides(o.callId(), o.company(), implied, o.fiscalPeriod(), o.scheduledStart()));
            ticker = implied;
        }
        List<Taxonomy> applied = loaded.forTicker(ticker);
        Set<String> scored = new TreeSet<>();
        applied.forEach(t -> t.topics().forEach(topic -> scored.add(topic.id())));

        List<EnrichedTurn> finals = finals(options, call);
        List<Set<String>> predicted = finals.stream().map(EvaluateCommand::topicsOf).toList();
        List<Set<String>> labelled = labels.turns().stream().map(GoldSet.GoldTurn::topics).toList();
        Set<String> outside = new TreeSet<>();
        labelled.forEach(outside::addAll);
        outside.removeAll(scored);
        if (!outside.isEmpty()) {
            out.printf("Note: the gold file uses %s, from a taxonomy this call's ticker (%s) does not select; they "
                    + "are scored as missed. Give --ticker to apply it.%n", outside, ticker);
            scored.addAll(outside);
        }
        long drifted = java.util.stream.IntStream.range(0, Math.min(finals.size(), labels.turns().size()))
                .filter(i -> labels.turns().get(i).textSha256() != null && !labels.turns().get(i).textSha256()
                        .equals(GoldSet.sha256(finals.get(i).getTurn().getText().toString())))
                .count();
        if (drifted > 0) {
            out.printf("Note: %d turns' text differs from the text the gold file was labelled on: turns are cut "
                    + "differently now, and their labels may belong to other turns.%n", drifted);
        }
        TopicScores scores = TopicScores.of(predicted, labelled, scored);
        print(out, call.callId(), applied, finals.size(), scores);
        if (showErrors) {
            printErrors(out, finals, predicted, labelled);
        }
        out.printf("micro-F1 %.2f%n", scores.micro().f1());
        out.flush();
        return 0;
    }

    /** The call's FINAL turns, in order, as the topology in this process gives them. */
    static List<EnrichedTurn> finals(EnrichOptions options, LoadedCall call) throws Exception {
        try (InProcessEnrich enrich = InProcessEnrich.start(options)) {
            return latestFinals(enrich.run(call.events()).enrichedTurns());
        }
    }

    private LoadedCall load(CallOverrides overrides) throws java.io.IOException {
        return loadOne(input, format, overrides);
    }

    /** The one call a transcript holds ({@code format} null: detected); more or fewer is an error naming the file. */
    static LoadedCall loadOne(Path file, String format, CallOverrides overrides) throws java.io.IOException {
        CallFileReader.Read read = new CallFileReader(TranscriptFormats.all(), format)
                .read(Files.readAllBytes(file), file.toString(), "file:" + file.getFileName(), overrides);
        if (read.calls().size() != 1) {
            throw new IllegalArgumentException(file + " holds " + read.calls().size() + " calls; one is expected");
        }
        return read.calls().get(0);
    }

    /** The ticker of the one watchlist that defines topics the labels use, if there is exactly one. */
    private static String impliedTicker(TaxonomySet taxonomies, GoldSet labels) {
        Set<String> used = new HashSet<>();
        labels.turns().forEach(t -> used.addAll(t.topics()));
        Set<String> tickers = new TreeSet<>();
        for (Taxonomy t : taxonomies.all()) {
            if (t.ticker() != null && t.topics().stream().anyMatch(topic -> used.contains(topic.id()))) {
                tickers.add(t.ticker());
            }
        }
        return tickers.size() == 1 ? tickers.iterator().next() : null;
    }

    /** The last version of each FINAL turn, in turn order: what a reader of call-turns-enriched ends up with. */
    static List<EnrichedTurn> latestFinals(List<EnrichedTurn> all) {
        LatestVersions<Integer, EnrichedTurn> latest = LatestVersions.inKeyOrder(t -> t.getTurn().getVersion());
        for (EnrichedTurn t : all) {
            if (t.getTurn().getStatus() == Status.FINAL) {
                latest.offer(t.getTurn().getTurnIndex(), t);
            }
        }
        return List.copyOf(latest.values());
    }

    private static Set<String> topicsOf(EnrichedTurn turn) {
        Set<String> ids = new TreeSet<>();
        for (TopicTag tag : turn.getTopics()) {
            ids.add(tag.getTopicId());
        }
        return ids;
    }

    private static String tickerOf(List<CallEvent> events) {
        for (CallEvent e : events) {
            if (e.getPayload() instanceof CallStarted started) {
                return started.getTicker();
            }
        }
        return null;
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
