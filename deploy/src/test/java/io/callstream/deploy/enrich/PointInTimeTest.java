package io.callstream.deploy.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import io.callstream.avro.CallEnded;
import io.callstream.avro.CallEvent;
import io.callstream.avro.EnrichedTurn;
import io.callstream.avro.Status;
import io.callstream.avro.TranscriptLine;
import io.callstream.backtest.inprocess.InProcessEnrich;
import io.callstream.deploy.testing.CallOutputs;
import io.callstream.enrich.EnrichOptions;
import io.callstream.enrich.EnrichOutputs;
import io.callstream.ingest.TeslaSample;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Point in time: the bundled Tesla call cut after line k (its events up to the line with seq k, no CallEnded) gives
 * exactly what the whole call had produced by line k, ids and call times included, and each output says so itself
 * ({@code knownAtSeq}). So a backtest that reads outputs "as of line k" sees what a live consumer saw then, with
 * nothing from later in the call.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PointInTimeTest {

    private final List<CallEvent> call = TeslaSample.events();
    /** The whole call, event by event: what each input event made enrich send, in order. */
    private final List<CallOutputs> sentAfter = new ArrayList<>();

    @BeforeAll
    void runTheWholeCallOneEventAtATime() {
        try (InProcessEnrich enrich = InProcessEnrich.start(EnrichOptions.defaults())) {
            for (CallEvent event : call) {
                EnrichOutputs produced = enrich.next(event);
                assertThat(produced.deadLetters()).isEmpty();
                sentAfter.add(CallOutputs.of(produced));
            }
        }
    }

    /** Early, mid-call, on the line a declined-answer alert fires on, and the last line. */
    List<Long> cutPoints() {
        return List.of(10L, 100L, 166L, call.stream().filter(e -> e.getPayload() instanceof TranscriptLine)
                .mapToLong(e -> ((TranscriptLine) e.getPayload()).getSeq()).max().orElseThrow());
    }

    @ParameterizedTest(name = "cut after line {0}")
    @MethodSource("cutPoints")
    void aCallCutAfterALineGivesExactlyWhatTheWholeCallHadSentByThatLine(long k) {
        int cut = indexOfLine(k);
        CallOutputs cutRun;
        try (InProcessEnrich enrich = InProcessEnrich.start(EnrichOptions.defaults())) {
            cutRun = CallOutputs.of(enrich.run(call.subList(0, cut + 1)));
        }

        assertThat(cutRun).isEqualTo(sentBy(cut));
        // The same set, found from the fields alone: what a backtest reading the full run's outputs would keep.
        // A cut has no CallEnded, so what only the end made known (the last FINALs) is left out of both.
        assertThat(cutRun).isEqualTo(sentBy(call.size() - 2).knownBy(k));
        assertThat(cutRun.alerts()).isNotEmpty();
        assertThat(cutRun.turns()).isNotEmpty();
    }

    @Test
    void everyOutputSaysTheLineAfterWhichItWasSent() {
        long lastLine = -1;
        for (int i = 0; i < call.size(); i++) {
            Object payload = call.get(i).getPayload();
            if (payload instanceof TranscriptLine line) {
                lastLine = line.getSeq();
            }
            long expected = lastLine; // CallStarted sends nothing; CallEnded adds no line
            CallOutputs sent = sentAfter.get(i);
            assertThat(sent.turns()).allSatisfy(t -> assertThat(t.getKnownAtSeq()).isEqualTo(expected));
            assertThat(sent.enrichedTurns()).allSatisfy(t -> assertThat(t.getTurn().getKnownAtSeq()).isEqualTo(expected));
            assertThat(sent.exchanges()).allSatisfy(e -> assertThat(e.getKnownAtSeq()).isEqualTo(expected));
            assertThat(sent.alerts()).allSatisfy(a -> assertThat(a.getKnownAtSeq()).isEqualTo(expected));
        }
        assertThat(call.get(call.size() - 1).getPayload()).isInstanceOf(CallEnded.class);
        // The field is not the turn's own last line: a FINAL is known only at the line that closes the turn.
        assertThat(sentBy(call.size() - 1).turns()).filteredOn(t -> t.getStatus() == Status.FINAL)
                .isNotEmpty().allSatisfy(t -> assertThat(t.getKnownAtSeq()).isGreaterThanOrEqualTo(t.getLastSeq()))
                .anySatisfy(t -> assertThat(t.getKnownAtSeq()).isGreaterThan(t.getLastSeq()));
        assertThat(sentBy(call.size() - 1).enrichedTurns()).extracting(EnrichedTurn::getTurn)
                .containsExactlyElementsOf(sentBy(call.size() - 1).turns());
    }

    /** Everything the whole call had sent after processing its events up to index {@code last}. */
    private CallOutputs sentBy(int last) {
        return IntStream.rangeClosed(0, last).mapToObj(sentAfter::get).reduce(CallOutputs.NONE, CallOutputs::then);
    }

    private int indexOfLine(long seq) {
        for (int i = 0; i < call.size(); i++) {
            if (call.get(i).getPayload() instanceof TranscriptLine line && line.getSeq() == seq) {
                return i;
            }
        }
        throw new IllegalArgumentException("The Tesla call has no line " + seq);
    }
}
