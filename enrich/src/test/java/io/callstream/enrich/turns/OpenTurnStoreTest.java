package io.callstream.enrich.turns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import io.callstream.avro.CallEvent;
import io.callstream.avro.Role;
import io.callstream.avro.Section;
import io.callstream.avro.Speaker;
import io.callstream.avro.TranscriptLine;
import io.callstream.avro.state.OpenTurnLine;
import io.callstream.avro.state.TurnLine;
import io.callstream.avro.state.TurnLines;
import io.callstream.enrich.TestCallEvents;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenTurnStoreTest {

    private static final String CALL = "c1";
    private static final Speaker ELON = new Speaker("Elon Musk", "Elon Musk", "Tesla", Role.EXECUTIVE, null);

    private final TestCallEvents call = new TestCallEvents(CALL);
    private KeyValueStore<String, OpenTurnLine> store;
    private OpenTurnStore turns;

    @BeforeEach
    void openStore() {
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(OpenTurnStore.STORE), Serdes.String(),
                avroSerde()).withLoggingDisabled().build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        turns = new OpenTurnStore(store, 0);
    }

    @Test
    void keepsTheTurnsMetadataInItsHeaderAndEachLineApart() {
        TurnBuilder turn = turnOf("First line.", "Second line.", "Third line.");
        TurnLines header = turns.save(CALL, turn.held());

        assertThat(header.getLines()).isEmpty();
        assertThat(header.getTurn().getText()).isEmpty();
        assertThat(header.getTurn().getVersion()).isEqualTo(turn.turn().getVersion());
        assertThat(storedTexts()).containsExactly("First line.", "Second line.", "Third line.");
    }

    @Test
    void writesOnlyTheLinesThatChangedSinceTheLastSave() {
        TurnBuilder turn = turnOf("First line.", "Second line.");
        TurnLines header = turns.save(CALL, turn.held());
        // Changed behind the store's back: a save that rewrote every line would put it back.
        store.put(CALL + "/0000000", new OpenTurnLine(CALL, 0, "marker", 0L, 9, "not rewritten"));

        TurnBuilder next = TurnBuilder.of(turns.load(CALL, header));
        next.append(event(), line(2, "Third line."), List.of());
        turns.save(CALL, next.held());

        assertThat(storedTexts()).containsExactly("not rewritten", "Second line.", "Third line.");
    }

    @Test
    void readsTheTurnBackFromItsLinesWhenNothingIsKeptInMemory() {
        TurnBuilder turn = turnOf("First line.", "Second  line. ", "Third line.");
        TurnLines header = turns.save(CALL, turn.held());

        TurnLines read = new OpenTurnStore(store, 0).load(CALL, header);

        assertThat(read).isEqualTo(turn.held());
        assertThat(read.getTurn().getText()).isEqualTo("First line. Second line. Third line.");
    }

    @Test
    void readsTheStoreWhenTheHeaderIsNotTheOneSavedLast() {
        TurnBuilder turn = turnOf("First line.", "Second line.");
        TurnLines before = turns.save(CALL, turn.held());
        TurnBuilder next = TurnBuilder.of(turns.load(CALL, before));
        next.append(event(), line(2, "Third line."), List.of());
        turns.save(CALL, next.held());
        // An aborted transaction takes the stores back to the first save; this instance's memory holds the second.
        store.delete(CALL + "/0000002");

        TurnLines read = turns.load(CALL, before);

        assertThat(read).isEqualTo(turn.held());
        assertThat(read.getTurn().getText()).isEqualTo("First line. Second line.");
    }

    @Test
    void handsOutACopyThatTheCallerMayChange() {
        TurnBuilder turn = turnOf("First line.", "Second line.");
        TurnLines header = turns.save(CALL, turn.held());

        TurnLines loaded = turns.load(CALL, header);
        loaded.getTurn().setSection(Section.QUESTIONS_AND_ANSWERS);
        loaded.getLines().clear();

        assertThat(turns.load(CALL, header)).isEqualTo(turn.held());
    }

    @Test
    void aHeaderWrittenWithItsLinesAndTextBeforeLinesWereKeptApartIsReadAsItIs() {
        TurnBuilder turn = turnOf("First line.", "Second line.");

        assertThat(turns.load(CALL, turn.held())).isEqualTo(turn.held());
        assertThat(storedTexts()).isEmpty();
    }

    @Test
    void aNewTurnReplacesTheLinesOfTheLastAndNoTurnLeavesNone() {
        turns.save(CALL, turnOf("First line.", "Second line.", "Third line.").held());

        TurnBuilder next = TurnBuilder.start(CALL, 1, ELON, event(), line(3, "Next turn."), List.of());
        turns.save(CALL, next.held());
        assertThat(storedTexts()).containsExactly("Next turn.");

        assertThat(turns.save(CALL, null)).isNull();
        assertThat(storedTexts()).isEmpty();
    }

    @Test
    void aTurnKeepsItsLinesInTheHeaderUntilTheyPassTheInlineLimit() {
        OpenTurnStore inline = new OpenTurnStore(store, 20);
        TurnBuilder turn = turnOf("First line.");
        TurnLines header = inline.save(CALL, turn.held());

        assertThat(header.getLines()).extracting(TurnLine::getText).containsExactly("First line.");
        assertThat(header.getTurn().getText()).as("the text is joined from the lines").isEmpty();
        assertThat(storedTexts()).isEmpty();
        assertThat(inline.load(CALL, header)).isEqualTo(turn.held());

        TurnBuilder next = TurnBuilder.of(inline.load(CALL, header));
        next.append(event(), line(1, "Second line."), List.of());
        header = inline.save(CALL, next.held());

        assertThat(header.getLines()).isEmpty();
        assertThat(storedTexts()).containsExactly("First line.", "Second line.");
        assertThat(new OpenTurnStore(store, 20).load(CALL, header)).isEqualTo(next.held());
    }

    @Test
    void aTurnOnceApartStaysApartUntilItCloses() {
        OpenTurnStore inline = new OpenTurnStore(store, 20);
        TurnBuilder turn = turnOf("First line.", "Second line.");
        TurnLines header = inline.save(CALL, turn.held());
        TurnBuilder revised = TurnBuilder.of(inline.load(CALL, header));
        revised.revise(line(1, "Short."), 1);

        assertThat(inline.save(CALL, revised.held()).getLines()).isEmpty();
        assertThat(storedTexts()).containsExactly("First line.", "Short.");

        TurnLines nextTurn = inline.save(CALL, TurnBuilder.start(CALL, 1, ELON, event(), line(2, "Next."), List.of())
                .held());
        assertThat(nextTurn.getLines()).hasSize(1);
        assertThat(storedTexts()).as("the closed turn's lines are gone").isEmpty();
    }

    private TurnBuilder turnOf(String... texts) {
        TurnBuilder turn = TurnBuilder.start(CALL, 0, ELON, event(), line(0, texts[0]), List.of());
        for (int i = 1; i < texts.length; i++) {
            turn.append(event(), line(i, texts[i]), List.of());
        }
        return turn;
    }

    private CallEvent event() {
        return call.line("Elon Musk", "Tesla", Section.PREPARED_REMARKS, "unused");
    }

    private static TranscriptLine line(long seq, String text) {
        return TranscriptLine.newBuilder().setLineId("l" + seq).setSeq(seq).setRevision(0)
                .setStatus(io.callstream.avro.Status.FINAL).setSpeakerLabel("Elon Musk")
                .setSection(Section.PREPARED_REMARKS).setText(text).build();
    }

    private List<String> storedTexts() {
        List<String> texts = new ArrayList<>();
        try (KeyValueIterator<String, OpenTurnLine> it = store.all()) {
            it.forEachRemaining(entry -> texts.add(entry.value.getText()));
        }
        return texts;
    }

    private static Serde<OpenTurnLine> avroSerde() {
        return Serdes.serdeFrom((topic, line) -> {
            try {
                ByteBuffer buffer = line.toByteBuffer();
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                return bytes;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, (topic, bytes) -> {
            try {
                return OpenTurnLine.fromByteBuffer(ByteBuffer.wrap(bytes));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
