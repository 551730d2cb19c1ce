package io.callstream.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.callstream.avro.Alert;
import io.callstream.avro.CallEvent;
import io.callstream.avro.Role;
import io.callstream.avro.SpeakerIdentified;
import io.callstream.avro.TranscriptLine;
import io.callstream.backtest.inprocess.InProcessEnrich;
import io.callstream.deploy.testing.CallOutputs;
import io.callstream.deploy.testing.SharedCalls;
import io.callstream.enrich.EnrichOptions;
import io.callstream.enrich.EnrichOutputs;
import io.callstream.enrich.SweepSlice;
import io.callstream.enrich.replay.InMemoryEnrich;
import io.callstream.ingest.TeslaSample;
import io.callstream.ingest.source.InputFiles;
import io.callstream.ingest.source.LoadedCall;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The backtest engine ({@link InMemoryEnrich}: enrich's processors on in-memory state) gives, call for call and
 * record for record, what the enrich topology gives in a TopologyTestDriver, on the calls of the shared corpus (a
 * quarter of them in a build, {@link SweepSlice}) and
 * on calls that exercise the stores (revisions, duplicates, a speaker identified late); and a call in which the
 * topology refuses something goes to the topology itself, so its dead letters are exact too.
 */
@Tag("sweep")
class InMemoryEngineEquivalenceTest {

    private static final EnrichOptions OPTIONS = EnrichOptions.defaults();

    @Test
    void givesWhatTheTopologyGivesForEveryCallOfTheSharedCorpus() throws Exception {
        Path data = SharedCalls.dataDir();
        int calls = 0;
        try (InMemoryEnrich engine = InMemoryEnrich.start(OPTIONS);
             InMemoryCalls streamed = new InMemoryCalls(OPTIONS);
             ReusedEnrich topology = new ReusedEnrich(OPTIONS)) {
            // Twins too: the .segments.tsv layout reaches the topology by other paths than the .txt.
            for (Path file : SweepSlice.current().files(InputFiles.expand(List.of(data)))) {
                for (LoadedCall call : SharedCalls.load(file)) {
                    Optional<EnrichOutputs> fast = engine.run(call.events());
                    assertThat(fast).as("%s runs in memory (it refuses nothing)", file).isPresent();
                    EnrichOutputs expected = topology.run(call.callId() + "@" + file, call.events());
                    assertThat(CallOutputs.of(fast.get())).as(file.toString()).isEqualTo(CallOutputs.of(expected));
                    assertThat(expected.turns()).as(file.toString()).isNotEmpty();
                    // The backtest's report, tallied from the engine's own records as they are emitted, is the one
                    // the topology's serialized outputs give.
                    assertThat(reportOf(file, call, streamed.run(call.callId(), call.events(), CallReport.Tally::new)))
                            .as(file.toString()).isEqualTo(reportOf(file, call, tallied(expected)));
                    calls++;
                }
            }
        }
        assertThat(calls).isGreaterThan(SweepSlice.current().floor(100));
    }

    @Test
    void givesWhatTheTopologyGivesWhenLinesAreRevisedRepeatedAndSpeakersNamedLate() {
        List<CallEvent> events = withCorrections(TeslaSample.events());
        EnrichOutputs expected;
        try (InProcessEnrich topology = InProcessEnrich.start(OPTIONS)) {
            expected = topology.run(events);
        }
        try (InMemoryEnrich engine = InMemoryEnrich.start(OPTIONS)) {
            // Twice on one engine: the second run starts from empty stores, as a fresh topology would.
            for (int run = 1; run <= 2; run++) {
                Optional<EnrichOutputs> fast = engine.run(events);
                assertThat(fast).isPresent();
                assertThat(CallOutputs.of(fast.get())).as("run " + run).isEqualTo(CallOutputs.of(expected));
            }
        }
        try (InMemoryCalls streamed = new InMemoryCalls(OPTIONS)) {
            Path file = Path.of("tesla-with-corrections.txt");
            LoadedCall call = new LoadedCall("tesla", file.toString(), "test", events);
            assertThat(reportOf(file, call, streamed.run("tesla", events, CallReport.Tally::new)))
                    .isEqualTo(reportOf(file, call, tallied(expected)));
        }
        assertThat(expected.turns()).anySatisfy(t -> assertThat(t.getSpeaker().getName()).isEqualTo("Late Name"));
        assertThat(expected.turns().stream().filter(t -> t.getText().contains("REVISED")).count()).isPositive();
    }

    @Test
    void givesWhatTheTopologyGivesWithTheLearnedTopicTier() {
        givesWhatTheTopologyGivesWith(io.callstream.enrich.tags.learned.LearnedTopics.shippedModel());
    }

    @Test
    void givesWhatTheTopologyGivesWithTheWordModel() {
        givesWhatTheTopologyGivesWith(io.callstream.enrich.tags.learned.LearnedTopics.shippedWordModel());
    }

    private static void givesWhatTheTopologyGivesWith(io.callstream.enrich.tags.learned.SentenceTopicModel model) {
        EnrichOptions learned = OPTIONS.withLearned(io.callstream.enrich.tags.learned.LearnedTopics.forTaxonomies(
                model, OPTIONS.taxonomies()));
        List<CallEvent> events = withCorrections(TeslaSample.events());
        EnrichOutputs expected;
        try (InProcessEnrich topology = InProcessEnrich.start(learned)) {
            expected = topology.run(events);
        }
        try (InMemoryEnrich engine = InMemoryEnrich.start(learned)) {
            Optional<EnrichOutputs> fast = engine.run(events);
            assertThat(fast).isPresent();
            assertThat(CallOutputs.of(fast.get())).isEqualTo(CallOutputs.of(expected));
        }
        // The learned tier tags PARTIAL snapshots as the words arrive, as the rules do.
        assertThat(expected.enrichedTurns()).anySatisfy(turn -> {
            assertThat(turn.getTurn().getStatus()).isEqualTo(io.callstream.avro.Status.PARTIAL);
            assertThat(turn.getTopics()).anySatisfy(tag -> assertThat(tag.getModelId()).isEqualTo(model.id()));
        });
    }

    @Test
    void handsACallWithADeadLetterToTheTopologyAndReportsItsDeadLettersExactly() {
        List<CallEvent> events = new ArrayList<>(TeslaSample.events().subList(0, 40));
        CallEvent line = events.get(10);
        TranscriptLine bad = TranscriptLine.newBuilder((TranscriptLine) line.getPayload()).setText("bell \u0007 here")
                .setSeq(((TranscriptLine) line.getPayload()).getSeq() + 1000).setLineId("bad-line").build();
        events.add(20, CallEvent.newBuilder(line).setPayload(bad).build());
        try (InMemoryEnrich engine = InMemoryEnrich.start(OPTIONS)) {
            assertThat(engine.run(events)).isEmpty();
        }
        EnrichOutputs expected;
        try (InProcessEnrich topology = InProcessEnrich.start(OPTIONS)) {
            expected = topology.run(events);
        }
        try (InMemoryCalls calls = new InMemoryCalls(OPTIONS)) {
            EnrichOutputs outputs = calls.run("tesla", events, EnrichOutputs.Collector::new).outputs();
            assertThat(outputs.deadLetters()).hasSize(1).isEqualTo(expected.deadLetters());
            assertThat(CallOutputs.of(outputs)).isEqualTo(CallOutputs.of(expected));
            assertThat(calls.driversStarted()).isEqualTo(1);
        }
    }

    private static CallReport.Tally tallied(EnrichOutputs outputs) {
        CallReport.Tally tally = new CallReport.Tally();
        outputs.replayTo(tally);
        return tally;
    }

    /** A call's report with each alert's wall-clock stamp cleared. */
    private static CallReport reportOf(Path file, LoadedCall call, CallReport.Tally tally) {
        CallReport report = CallReport.of(new CorpusCall(file, call), Map.of("rules", tally));
        List<Alert> alerts = report.alerts("rules").stream()
                .map(alert -> Alert.newBuilder(alert).setEmittedAt(null).build()).toList();
        return new CallReport(report.callId(), report.file(), report.format(), report.company(),
                report.companySource(), report.lines(), report.turns(), report.turnsByRole(), report.exchanges(),
                report.deadLetters(), Map.of("rules", alerts), report.firstMentions(), report.timeline());
    }

    /**
     * The Tesla call with an exact duplicate of a line, a higher revision of a line of an earlier turn, and the
     * label of the first analyst named late.
     */
    private static List<CallEvent> withCorrections(List<CallEvent> call) {
        List<CallEvent> events = new ArrayList<>(call);
        List<Integer> lines = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).getPayload() instanceof TranscriptLine) {
                lines.add(i);
            }
        }
        CallEvent duplicate = events.get(lines.get(5));
        CallEvent revised = events.get(lines.get(32));
        TranscriptLine revisedLine = (TranscriptLine) revised.getPayload();
        CallEvent laterLine = events.get(lines.get(33));
        TranscriptLine named = (TranscriptLine) events.get(lines.get(40)).getPayload();
        CallEvent identified = CallEvent.newBuilder(laterLine).setPayload(SpeakerIdentified.newBuilder()
                .setSpeakerLabel(named.getSpeakerLabel()).setName("Late Name").setAffiliation("Late & Co.")
                .setRole(Role.ANALYST).build()).build();
        events.add(lines.get(50), identified);
        events.add(lines.get(34), CallEvent.newBuilder(laterLine).setPayload(TranscriptLine.newBuilder(revisedLine)
                .setRevision(revisedLine.getRevision() + 1).setText(revisedLine.getText() + " REVISED").build()).build());
        events.add(lines.get(6), duplicate);
        return events;
    }
}
