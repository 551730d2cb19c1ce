package io.callstream.backtest.evaluate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.IntStream;

import io.callstream.avro.CallEvent;
import io.callstream.avro.CallStarted;
import io.callstream.avro.EnrichedTurn;
import io.callstream.avro.Status;
import io.callstream.avro.TopicTag;
import io.callstream.backtest.inprocess.InProcessEnrich;
import io.callstream.enrich.EnrichOptions;
import io.callstream.enrich.EnrichOutputs;
import io.callstream.enrich.replay.InMemoryEnrich;
import io.callstream.enrich.tags.Taxonomy;
import io.callstream.enrich.tags.TaxonomySet;
import io.callstream.ingest.parse.TranscriptFormats;
import io.callstream.ingest.source.CallFileReader;
import io.callstream.ingest.source.CallOverrides;
import io.callstream.ingest.source.LoadedCall;
import io.callstream.schemas.versions.LatestVersions;

/**
 * One call's tags scored against its hand labels, as {@code evaluate} prints them: the call's FINAL turns as the
 * topology tags them (the same processors as live, run in this process), each turn's topic ids beside its labels, per
 * topic and pooled. Also the call's FINAL turns alone, which {@code evaluate --template} and {@code train-topics}
 * read.
 *
 * @param callId     the call scored
 * @param applied    the taxonomies the call's ticker selects
 * @param finals     its FINAL turns, in order, at their last version
 * @param predicted  per turn, the topic ids tagged
 * @param labelled   per turn, the topic ids of the labels
 * @param outside    topics the labels use that no applied taxonomy defines, in order: scored as missed
 * @param ticker     the call's ticker, or the one the labels imply where its file names none; null where neither
 * @param drifted    turns whose text is not the text the labels were made on (turns cut differently now)
 * @param scores     precision, recall and F1 per topic and pooled
 */
public record TagEvaluation(String callId, List<Taxonomy> applied, List<EnrichedTurn> finals,
                            List<Set<String>> predicted, List<Set<String>> labelled, SortedSet<String> outside,
                            String ticker, long drifted, TopicScores scores) {

    /**
     * Tags the one call of {@code transcript} ({@code format} null: detected) with {@code options} and scores it
     * against {@code labels}. A call whose file names no ticker is tagged with the watchlist that defines the labels'
     * topics, as if its ticker had been given: the labels say which watchlist the call was labelled against.
     */
    public static TagEvaluation of(EnrichOptions options, Path transcript, String format, CallOverrides overrides,
                                   GoldSet labels) throws Exception {
        TaxonomySet loaded = options.taxonomies();
        LoadedCall call = loadOne(transcript, format, overrides);
        String ticker = tickerOf(call.events());
        String implied = impliedTicker(loaded, labels);
        if (ticker == null && implied != null) {
            call = loadOne(transcript, format, new CallOverrides(overrides.callId(), overrides.company(), implied,
                    overrides.fiscalPeriod(), overrides.scheduledStart()));
            ticker = implied;
        }
        List<Taxonomy> applied = loaded.forTicker(ticker);
        Set<String> scored = new TreeSet<>();
        applied.forEach(t -> t.topics().forEach(topic -> scored.add(topic.id())));

        List<EnrichedTurn> finals = finals(options, call.events());
        List<Set<String>> predicted = finals.stream().map(TagEvaluation::topicsOf).toList();
        List<Set<String>> labelled = labels.turns().stream().map(GoldSet.GoldTurn::topics).toList();
        SortedSet<String> outside = new TreeSet<>();
        labelled.forEach(outside::addAll);
        outside.removeAll(scored);
        scored.addAll(outside);
        long drifted = IntStream.range(0, Math.min(finals.size(), labels.turns().size()))
                .filter(i -> labels.turns().get(i).textSha256() != null && !labels.turns().get(i).textSha256()
                        .equals(GoldSet.sha256(finals.get(i).getTurn().getText().toString())))
                .count();
        return new TagEvaluation(call.callId(), applied, finals, predicted, labelled,
                Collections.unmodifiableSortedSet(outside), ticker,
                drifted, TopicScores.of(predicted, labelled, scored));
    }

    /** The FINAL turns of the one call of {@code transcript}, in order, as the topology gives them. */
    public static List<EnrichedTurn> finals(EnrichOptions options, Path transcript, String format,
                                            CallOverrides overrides) throws Exception {
        return finals(options, loadOne(transcript, format, overrides).events());
    }

    /**
     * On the backtest engine, which gives what the topology gives (InMemoryEngineEquivalenceTest) without a registry,
     * serdes or RocksDB: TopicDevSetTest's evaluations of the dev set took 65 s of CPU on the topology, 36 on the
     * engine. A call in which the topology refuses something goes to the topology itself, which alone gives its
     * outputs exactly.
     */
    static List<EnrichedTurn> finals(EnrichOptions options, List<CallEvent> events) {
        try (InMemoryEnrich engine = InMemoryEnrich.start(options)) {
            Optional<EnrichOutputs> outputs = engine.run(events);
            if (outputs.isPresent()) {
                return latestFinals(outputs.get().enrichedTurns());
            }
        }
        try (InProcessEnrich enrich = InProcessEnrich.start(options)) {
            return latestFinals(enrich.run(events).enrichedTurns());
        }
    }

    /** The one call a transcript holds; more or fewer is an error naming the file. */
    private static LoadedCall loadOne(Path file, String format, CallOverrides overrides) throws IOException {
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
}
