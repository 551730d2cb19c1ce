package io.callstream.enrich.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.callstream.avro.CallEvent;
import io.callstream.avro.DeadLetter;
import io.callstream.avro.Role;
import io.callstream.avro.Speaker;
import io.callstream.avro.state.TurnAssemblyState;
import io.callstream.enrich.EnrichOptions;
import io.callstream.enrich.EnrichOutputs;
import io.callstream.ingest.parse.TranscriptFormats;
import io.callstream.ingest.source.CallFileReader;
import io.callstream.ingest.source.CallOverrides;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * {@link RecordCopier} gives what Avro's {@code SpecificData.deepCopy} gives: equal records, with the same kinds of
 * values (a String stays a String, maps iterate in the same order, instants cut to the millisecond), sharing nothing
 * that can change with the original. Checked on every event and output of the bundled call and on records with every
 * kind of field filled.
 */
class RecordCopierTest {

    private final RecordCopier copier = new RecordCopier();

    @Test
    void copiesEveryEventAndOutputOfACallAsAvroDoes() throws Exception {
        List<CallEvent> events = teslaEvents();
        EnrichOutputs outputs;
        try (InMemoryEnrich engine = InMemoryEnrich.start(EnrichOptions.defaults())) {
            outputs = engine.run(events).orElseThrow();
        }
        List<SpecificRecord> records = new ArrayList<>(events);
        records.addAll(outputs.turns());
        records.addAll(outputs.enrichedTurns());
        records.addAll(outputs.exchanges());
        records.addAll(outputs.alerts());
        assertThat(outputs.enrichedTurns()).anyMatch(e -> !e.getTopics().isEmpty() && !e.getNumbers().isEmpty());
        assertThat(outputs.alerts()).isNotEmpty();
        for (SpecificRecord record : records) {
            assertCopiedAsAvroCopies(record);
        }
    }

    @Test
    void copiesMapsListsUnionsAndBytesAsAvroDoes() {
        Map<String, Speaker> identified = new LinkedHashMap<>();
        for (int i = 0; i < 40; i++) {
            identified.put("Speaker " + i, Speaker.newBuilder().setLabel("Speaker " + i).setName("Name " + i)
                    .setRole(Role.values()[i % Role.values().length]).build());
        }
        TurnAssemblyState state = TurnAssemblyState.newBuilder().setTicker("TSLA").setIdentified(identified)
                .setCued(Map.of("x", identified.get("Speaker 3"))).setHeardLabels(List.of("a", "b", "c"))
                .setPendingIntroduction(identified.get("Speaker 5")).setLastEventStreamTime(42).build();
        assertCopiedAsAvroCopies(state);
        DeadLetter letter = DeadLetter.newBuilder().setStage("test").setReason("a reason")
                .setObservedAt(Instant.EPOCH).setPayload(ByteBuffer.wrap(new byte[] {1, 2, 3})).build();
        assertCopiedAsAvroCopies(letter);
        assertThat(copier.copy(letter).getPayload()).isNotSameAs(letter.getPayload());
    }

    @Test
    void cutsAnInstantToTheMillisecondAsTheRoundTripThroughAvroDoes() throws Exception {
        CallEvent event = teslaEvents().get(0);
        event.setObservedAt(Instant.parse("2017-02-22T22:00:00.123456789Z"));
        assertThat(copier.copy(event).getObservedAt()).isEqualTo(Instant.parse("2017-02-22T22:00:00.123Z"))
                .isEqualTo(avroCopy(event).getObservedAt());
    }

    @Test
    void refusesWhatIsNotAnAvroRecord() {
        assertThatThrownBy(() -> copier.copy("text")).isInstanceOf(IllegalArgumentException.class);
    }

    private void assertCopiedAsAvroCopies(SpecificRecord record) {
        SpecificRecord ours = copier.copy(record);
        SpecificRecord avros = avroCopy(record);
        assertThat(ours).isEqualTo(avros).isEqualTo(record).isNotSameAs(record);
        assertSameKinds(ours, avros, record.getClass().getSimpleName());
        assertSharesNothingMutable(ours, record, new IdentityHashMap<>());
    }

    /** The same kind of value at every place, and maps in the same order. */
    private static void assertSameKinds(Object ours, Object avros, String where) {
        if (ours == null || avros == null) {
            assertThat(ours).as(where).isEqualTo(avros);
        } else if (ours instanceof SpecificRecord record) {
            assertThat(ours.getClass()).as(where).isEqualTo(avros.getClass());
            for (int i = 0; i < record.getSchema().getFields().size(); i++) {
                assertSameKinds(record.get(i), ((SpecificRecord) avros).get(i),
                        where + "." + record.getSchema().getFields().get(i).name());
            }
        } else if (ours instanceof List<?> list) {
            assertThat(avros).as(where).isInstanceOf(List.class);
            for (int i = 0; i < list.size(); i++) {
                assertSameKinds(list.get(i), ((List<?>) avros).get(i), where + "[" + i + "]");
            }
        } else if (ours instanceof Map<?, ?> map) {
            assertThat(ours.getClass()).as(where).isEqualTo(avros.getClass());
            assertThat(new ArrayList<>(map.keySet())).as(where + " order")
                    .isEqualTo(new ArrayList<>(((Map<?, ?>) avros).keySet()));
            map.forEach((key, value) -> assertSameKinds(value, ((Map<?, ?>) avros).get(key), where + "{" + key + "}"));
        } else {
            assertThat(ours.getClass()).as(where).isEqualTo(avros.getClass());
        }
    }

    /** No record, list, map or buffer of the copy is one of the original's. */
    private static void assertSharesNothingMutable(Object copy, Object original, Map<Object, Boolean> seen) {
        if (copy == null || seen.put(copy, true) != null) {
            return;
        }
        if (copy instanceof SpecificRecord || copy instanceof List<?> || copy instanceof Map<?, ?>
                || copy instanceof ByteBuffer) {
            assertThat(copy).isNotSameAs(original);
        }
        if (copy instanceof SpecificRecord record) {
            for (int i = 0; i < record.getSchema().getFields().size(); i++) {
                assertSharesNothingMutable(record.get(i), ((SpecificRecord) original).get(i), seen);
            }
        } else if (copy instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                assertSharesNothingMutable(list.get(i), ((List<?>) original).get(i), seen);
            }
        } else if (copy instanceof Map<?, ?> map) {
            map.forEach((key, value) -> assertSharesNothingMutable(value, ((Map<?, ?>) original).get(key), seen));
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends SpecificRecord> T avroCopy(T record) {
        return (T) SpecificData.getForClass(record.getClass()).deepCopy(record.getSchema(), record);
    }

    private static List<CallEvent> teslaEvents() throws Exception {
        try (InputStream in = RecordCopierTest.class.getResourceAsStream(
                "/io/callstream/ingest/sample/tesla-2016-q4-earnings-call.txt")) {
            return new CallFileReader(TranscriptFormats.all(), null).read(in.readAllBytes(), "tesla.txt",
                    "file:tesla.txt", CallOverrides.NONE).calls().get(0).events();
        }
    }
}
