package io.callstream.enrich.tags;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.callstream.avro.CallEnded;
import io.callstream.avro.CallEvent;
import io.callstream.avro.CallStarted;
import io.callstream.avro.EnrichedTurn;
import io.callstream.avro.NumberMention;
import io.callstream.avro.QaExchange;
import io.callstream.avro.Span;
import io.callstream.avro.SpeakerTurn;
import io.callstream.avro.Status;
import io.callstream.avro.TopicTag;
import io.callstream.avro.state.TurnAssemblyState;
import io.callstream.enrich.numbers.ForwardLooking;
import io.callstream.enrich.numbers.GrowingTurnNumbers;
import io.callstream.enrich.numbers.NumberExtractor;
import io.callstream.enrich.qa.QaPairing;
import io.callstream.enrich.state.CallIndexedView;
import io.callstream.enrich.tags.learned.LearnedTopics;
import io.callstream.enrich.text.GrowingText;
import io.callstream.schemas.calls.CompanySource;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads every turn snapshot as it is emitted (PARTIAL ones too, so tags appear as the words are spoken): its topics
 * with evidence ({@link TopicTagger}, with the taxonomies the call's ticker selects), the numbers it mentions and
 * whether it states guidance-like expectations. Sends {@link EnrichedTurn}s to {@link #ENRICHED} and to the alert
 * processor {@link #ALERTS_CHILD}, which also gets the call's end.
 *
 * <p>No state of its own (caches aside, which only save time: recent readings, and each call's newest turn's
 * incremental readers, so that a growing turn costs its new words per line, not its whole text): the call's ticker
 * comes from the CallStarted events the assembler passes on (its store after a restart), a FINAL turn's exchange from
 * the pairing's stores. It reads those stores through read-only views, and reads the exchange right because the
 * assembler forwards a closing turn to the pairing before it forwards the snapshot here ({@link
 * io.callstream.enrich.turns.TurnAssembler.Followers}; {@code TeslaQaPairingTest} fails where it does not).
 */
public final class TagTurns implements Processor<String, SpecificRecord, String, SpecificRecord> {

    public static final String NAME = "tag-turns";
    public static final String ENRICHED = "write-enriched-turns";

    private final TaxonomySet taxonomies;
    private final LearnedTopics learned;
    private final String turnAssemblyStore;
    private final String alertsChild;
    private final NumberExtractor numbers = new NumberExtractor();
    private ProcessorContext<String, SpecificRecord> context;
    // Read-only views: these stores are the assembler's and the pairing's, which alone write them.
    private ReadOnlyKeyValueStore<String, TurnAssemblyState> calls;
    private CallIndexedView<QaExchange> exchanges;
    private ReadOnlyKeyValueStore<String, QaExchange> latestExchanges;
    /** The last few readings by (ticker, text); see {@link #read}. */
    private final Map<String, Reading> recent = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Reading> eldest) {
            return size() > 64;
        }
    };

    /** Each call's ticker as the assembler's state holds it, by call id; dropped when the call ends. */
    private final Map<String, Optional<String>> tickers = new HashMap<>();
    /** The taxonomies each ticker selects (null: none given), for the learned tier. Only saves time. */
    private final Map<String, List<Taxonomy>> applyingByTicker = new HashMap<>();
    /** Each call's newest turn's readers, by call id; dropped when the call ends. Only saves time. */
    private final Map<String, OpenTurnReading> openTurns = new HashMap<>();

    /** Topics, numbers and the forward-looking statement read from one text. */
    private record Reading(List<TopicTag> topics, List<NumberMention> numbers, Span statement) {
    }
    /** The taxonomy set's tagger, shared with every other processor of the set: released, not closed, here. */
    private TopicTagger tagger;

    public TagTurns(TaxonomySet taxonomies, String turnAssemblyStore, String alertsChild) {
        this(taxonomies, null, turnAssemblyStore, alertsChild);
    }

    /** @param learned the learned tier beside the rules, or null for the rules alone */
    public TagTurns(TaxonomySet taxonomies, LearnedTopics learned, String turnAssemblyStore, String alertsChild) {
        this.taxonomies = taxonomies;
        this.learned = learned;
        this.turnAssemblyStore = turnAssemblyStore;
        this.alertsChild = alertsChild;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.calls = readOnly(turnAssemblyStore);
        this.exchanges = new CallIndexedView<>(readOnly(QaPairing.EXCHANGES_STORE), QaExchange::getCallId);
        this.latestExchanges = readOnly(QaPairing.STORE);
        this.tagger = taxonomies.acquireTagger();
    }

    private <V> ReadOnlyKeyValueStore<String, V> readOnly(String storeName) {
        KeyValueStore<String, V> store = context.getStateStore(storeName);
        return store;
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() instanceof CallEvent event && event.getPayload() instanceof CallStarted started) {
            // As the assembler's state holds it (read after a restart): a company that is only a file name is none.
            tickers.put(record.key(), Optional.ofNullable(taxonomies.tickerFor(started.getTicker(),
                    CompanySource.evidentCompany(started))));
            return;
        }
        if (record.value() instanceof CallEvent event && event.getPayload() instanceof CallEnded) {
            openTurns.remove(record.key());
            tickers.remove(record.key());
            context.forward(record, alertsChild);
            return;
        }
        if (!(record.value() instanceof SpeakerTurn turn)) {
            return;
        }
        Reading reading = read(record.key(), turn.getTurnIndex(), tickerOf(record.key()), turn.getText());
        EnrichedTurn enriched = EnrichedTurn.newBuilder()
                .setTurn(turn)
                .setTopics(new ArrayList<>(reading.topics()))
                .setNumbers(new ArrayList<>(reading.numbers()))
                .setForwardLooking(reading.statement() != null)
                .setForwardLookingEvidence(reading.statement())
                .setExchangeId(turn.getStatus() == Status.FINAL ? exchangeOf(record.key(), turn.getTurnIndex()) : null)
                .build();
        Record<String, SpecificRecord> out = record.withValue(enriched);
        context.forward(out, ENRICHED);
        context.forward(out, alertsChild);
    }

    /**
     * What the text says. The newest turn of each call is read incrementally ({@link OpenTurnReading}): a snapshot
     * that extends the last one costs its new words, not the whole turn. Any other snapshot (a correction re-issuing
     * an older turn) is read whole, from the cache when the same text was just read: a turn's FINAL snapshot has the
     * text of its last PARTIAL one, and a correction often changes only the speaker. Both give exactly what a whole
     * reading gives, so a restart (which empties both) changes nothing but the time taken.
     */
    private Reading read(String callId, int turnIndex, String ticker, String text) {
        OpenTurnReading open = openTurns.get(callId);
        if (open == null || open.turnIndex < turnIndex || !Objects.equals(open.ticker, ticker)) {
            open = new OpenTurnReading(turnIndex, ticker, new GrowingTurnTags(tagger), new GrowingTurnNumbers(),
                    learned == null ? null : learned.growing());
            openTurns.put(callId, open);
        }
        if (open.turnIndex == turnIndex) {
            // A turn's FINAL snapshot, and a re-issue that changes only the speaker, repeat the last text: both
            // readings are functions of the text (and the ticker, which is the same here), so the last one is it.
            if (open.lastReading == null || !Objects.equals(text, open.lastText)) {
                // Both readers read every text this passes them: one compare with the last says for both whether
                // the text grew from it.
                boolean extendsLast = text != null && open.lastText != null
                        && GrowingText.extendsText(text, open.lastText);
                GrowingTurnNumbers.Reading numbers = open.numbers.read(text, extendsLast);
                List<TopicTag> ruleTags = open.tags.tag(text, ticker, extendsLast);
                List<TopicTag> tags = open.learned == null ? List.copyOf(ruleTags)
                        : List.copyOf(open.learned.tag(text, extendsLast, ruleTags, applying(ticker)));
                open.lastReading = new Reading(tags, List.copyOf(numbers.numbers()),
                        numbers.statement().orElse(null));
                open.lastText = text;
            }
            return open.lastReading;
        }
        String key = ticker + "\u0000" + text;
        Reading cached = recent.get(key);
        if (cached == null) {
            cached = new Reading(withLearned(text, ticker, tagger.tag(text, ticker)), List.copyOf(numbers.find(text)),
                    ForwardLooking.find(text).orElse(null));
            recent.put(key, cached);
        }
        return cached;
    }

    /** The rules' tags and, with the learned tier, its tags for the topics the rules lack. */
    private List<TopicTag> withLearned(String text, String ticker, List<TopicTag> ruleTags) {
        if (learned == null) {
            return List.copyOf(ruleTags);
        }
        return List.copyOf(learned.tag(text, ruleTags, applying(ticker)));
    }

    /** The taxonomies that apply to a call of {@code ticker}: read at every snapshot, so chosen once per ticker. */
    private List<Taxonomy> applying(String ticker) {
        return applyingByTicker.computeIfAbsent(ticker, taxonomies::forTicker);
    }

    /** The incremental readers of a call's newest turn, and the last text they read with its reading. */
    private static final class OpenTurnReading {
        private final int turnIndex;
        private final String ticker;
        private final GrowingTurnTags tags;
        private final GrowingTurnNumbers numbers;
        /** The learned tier's reading of the turn, null without the tier. */
        private final LearnedTopics.Growing learned;
        private String lastText;
        private Reading lastReading;

        OpenTurnReading(int turnIndex, String ticker, GrowingTurnTags tags, GrowingTurnNumbers numbers,
                LearnedTopics.Growing learned) {
            this.turnIndex = turnIndex;
            this.ticker = ticker;
            this.tags = tags;
            this.numbers = numbers;
            this.learned = learned;
        }
    }

    /**
     * The ticker the call's taxonomies are chosen by ({@link TaxonomySet#tickerFor}), from the ticker and company as
     * the assembler's state holds them: kept from the CallStarted events the assembler passes on
     * once it has stored them, read from its store only after a restart (or for a call that never started), so a
     * snapshot does not read the whole call state back.
     */
    private String tickerOf(String callId) {
        return tickers.computeIfAbsent(callId, id -> {
            TurnAssemblyState call = calls.get(id);
            return Optional.ofNullable(call == null ? null : taxonomies.tickerFor(call.getTicker(), call.getCompany()));
        }).orElse(null);
    }

    /** The exchange holding a FINAL turn: the call's latest one, or (for a correction of an older turn) an earlier one. */
    private String exchangeOf(String callId, int turnIndex) {
        QaExchange latest = latestExchanges.get(callId);
        if (latest == null) {
            return null;
        }
        if (holds(latest, turnIndex)) {
            return latest.getExchangeId();
        }
        int lastHeld = Math.max(latest.getQuestionTurns().stream().mapToInt(Integer::intValue).max().orElse(-1),
                latest.getAnswerTurns().stream().mapToInt(Integer::intValue).max().orElse(-1));
        if (lastHeld >= 0 && turnIndex > lastHeld) {
            return null; // after the latest exchange's turns: in no exchange (yet)
        }
        List<QaExchange> held = exchanges.of(callId);
        for (int i = held.size() - 1; i >= 0; i--) {
            QaExchange e = held.get(i);
            if (holds(e, turnIndex)) {
                return e.getExchangeId();
            }
        }
        return null;
    }

    private static boolean holds(QaExchange exchange, int turnIndex) {
        return exchange.getQuestionTurns().contains(turnIndex) || exchange.getAnswerTurns().contains(turnIndex);
    }

    @Override
    public void close() {
        if (tagger != null) {
            taxonomies.releaseTagger(tagger);
            tagger = null;
        }
    }
}
