package io.callstream.deploy.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.callstream.avro.Alert;
import io.callstream.avro.CallEnded;
import io.callstream.avro.CallEvent;
import io.callstream.avro.EnrichedTurn;
import io.callstream.avro.QaExchange;
import io.callstream.avro.SpeakerTurn;
import io.callstream.avro.Status;
import io.callstream.avro.TranscriptLine;
import io.callstream.backtest.inprocess.InProcessEnrich;
import io.callstream.deploy.demo.DemoRun;
import io.callstream.deploy.stack.EmbeddedStack;
import io.callstream.deploy.stack.StackEndpoints;
import io.callstream.deploy.testing.CallOutputs;
import io.callstream.deploy.testing.ShortCall;
import io.callstream.deploy.testing.TopicContents;
import io.callstream.enrich.EnrichOptions;
import io.callstream.ingest.TeslaSample;
import io.callstream.ingest.publish.Pace;
import io.callstream.schemas.topics.TopicNames;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live and backtest agree: calls replayed at their own pace (sped up, but paced) through a real broker and the enrich
 * Kafka Streams app (exactly_once_v2, several partitions, as {@code demo} runs it) give the same turns, tags,
 * exchanges and alerts as the same calls backtested in this process as fast as possible, one after the other,
 * record for record, ids and call times included; only an alert's wall-clock {@code emittedAt} may differ. Across
 * calls the broker's order depends on partitions, so each call is compared on its own, in order.
 *
 * <p>{@link ReplayDeterminismTest} shows that the pace does not matter between broker runs; this shows that the
 * broker does not matter either, so a backtest stands for the live run.
 */
@Tag("integration")
class LiveBacktestEquivalenceTest {

    /** The call time covered: the close of the prepared remarks and the first analyst's exchange, 3 alerts. */
    private static final long OPENING_MS = 300_000;
    /** 20x its own clock: the opening replays in about 15 s, with pauses between lines (the point is timing). */
    private static final Pace PACE = Pace.parse("20");

    @TempDir
    Path dir;

    @Test
    void callsReplayedAtTheirPaceThroughTheBrokerGiveWhatTheBacktestGives() throws Exception {
        List<List<CallEvent>> calls = List.of(teslaOpening(), ShortCall.events("short-call"));

        Map<String, CallOutputs> live;
        Duration liveTook;
        try (EmbeddedStack stack = EmbeddedStack.start()) {
            long started = System.nanoTime();
            DemoRun.run(stack.endpoints(), new DemoRun.Options(calls, PACE, dir.resolve("live.db"), null));
            liveTook = Duration.ofNanos(System.nanoTime() - started);
            live = readOutputs(stack.endpoints());
        }

        Map<String, CallOutputs> backtest = new LinkedHashMap<>();
        try (InProcessEnrich enrich = InProcessEnrich.start(EnrichOptions.defaults())) {
            for (List<CallEvent> call : calls) {
                backtest.putAll(CallOutputs.byCall(enrich.run(call)));
            }
        }

        // Paced, not as fast as possible: at least nine tenths of the span of call time its events cover, at 20x.
        long spanMs = calls.stream().mapToLong(call -> call.get(call.size() - 1).getCallOffsetMs()
                - call.get(0).getCallOffsetMs()).max().orElseThrow();
        assertThat(liveTook).as("paced: the opening's call time at 20x")
                .isGreaterThan(Duration.ofMillis(spanMs * 9 / 10 / 20));
        assertThat(backtest).containsOnlyKeys(TeslaSample.METADATA.callId(), "short-call");
        CallOutputs tesla = backtest.get(TeslaSample.METADATA.callId());
        assertThat(tesla.alerts()).hasSize(3);
        assertThat(tesla.exchanges()).filteredOn(e -> e.getStatus() == Status.FINAL).hasSize(1);
        assertThat(tesla.enrichedTurns()).anySatisfy(t -> assertThat(t.getTopics()).isNotEmpty());
        assertThat(backtest.get("short-call").alerts()).isNotEmpty();
        for (String callId : backtest.keySet()) {
            assertThat(live.get(callId)).as(callId).isEqualTo(backtest.get(callId));
        }
    }

    /** The Tesla call's first {@link #OPENING_MS} of call time, then its end, as if the call had stopped there. */
    private static List<CallEvent> teslaOpening() {
        List<CallEvent> opening = new ArrayList<>();
        long lines = 0;
        CallEvent last = null;
        for (CallEvent event : TeslaSample.events()) {
            if (event.getCallOffsetMs() > OPENING_MS || event.getPayload() instanceof CallEnded) {
                break;
            }
            opening.add(event);
            last = event;
            lines += event.getPayload() instanceof TranscriptLine ? 1 : 0;
        }
        opening.add(CallEvent.newBuilder(last).setCallOffsetMs(last.getCallOffsetMs() + 1_000)
                .setObservedAt(last.getObservedAt().plusMillis(1_000))
                .setPayload(CallEnded.newBuilder().setLineCount(lines).build()).build());
        return opening;
    }

    private static Map<String, CallOutputs> readOutputs(StackEndpoints stack) {
        TopicNames names = TopicNames.defaults();
        return CallOutputs.byCall(TopicContents.readAll(stack, names.callTurns(), SpeakerTurn.class),
                TopicContents.readAll(stack, names.enrichedTurns(), EnrichedTurn.class),
                TopicContents.readAll(stack, names.qa(), QaExchange.class),
                TopicContents.readAll(stack, names.alerts(), Alert.class));
    }
}
