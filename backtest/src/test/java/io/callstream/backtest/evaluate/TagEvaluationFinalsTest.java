package io.callstream.backtest.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.callstream.avro.CallEvent;
import io.callstream.avro.EnrichedTurn;
import io.callstream.avro.Status;
import io.callstream.avro.TranscriptLine;
import io.callstream.backtest.inprocess.InProcessEnrich;
import io.callstream.enrich.EnrichOptions;
import io.callstream.enrich.replay.InMemoryEnrich;
import io.callstream.ingest.TeslaSample;
import org.junit.jupiter.api.Test;

/**
 * What {@code evaluate} and {@code train-topics} score is the FINAL turns the topology gives, whether they come from
 * the backtest engine or, for a call the engine hands back, from the topology itself.
 */
class TagEvaluationFinalsTest {

    private static final EnrichOptions OPTIONS = EnrichOptions.defaults();

    @Test
    void readsTheFinalTurnsTheTopologyGivesFromTheEngine() {
        List<CallEvent> events = TeslaSample.events().subList(0, 80); // the call's first turns: a unit test's time
        try (InMemoryEnrich engine = InMemoryEnrich.start(OPTIONS)) {
            assertThat(engine.run(events)).as("the engine serves the call itself").isPresent();
        }

        List<EnrichedTurn> finals = TagEvaluation.finals(OPTIONS, events);

        assertThat(finals).hasSizeGreaterThan(10)
                .allSatisfy(t -> assertThat(t.getTurn().getStatus()).isEqualTo(Status.FINAL));
        assertThat(finals).isEqualTo(topologyFinals(events));
    }

    @Test
    void readsACallTheEngineHandsBackFromTheTopology() {
        // A line with a control character, which the topology dead-letters and the engine hands back.
        List<CallEvent> events = new ArrayList<>(TeslaSample.events().subList(0, 30));
        CallEvent bell = CallEvent.newBuilder(events.get(12)).build();
        ((TranscriptLine) bell.getPayload()).setText("a bell \u0007 rings");
        events.set(12, bell);
        try (InMemoryEnrich engine = InMemoryEnrich.start(OPTIONS)) {
            assertThat(engine.run(events)).as("the engine hands the call back").isEmpty();
        }

        List<EnrichedTurn> finals = TagEvaluation.finals(OPTIONS, events);

        assertThat(finals).isNotEmpty().isEqualTo(topologyFinals(events));
    }

    private static List<EnrichedTurn> topologyFinals(List<CallEvent> events) {
        try (InProcessEnrich topology = InProcessEnrich.start(OPTIONS)) {
            return TagEvaluation.latestFinals(topology.run(events).enrichedTurns());
        }
    }
}
