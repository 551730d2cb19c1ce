package io.callstream.dashboard;

import static io.callstream.sink.testing.SinkRecords.alert;
import static io.callstream.sink.testing.SinkRecords.ended;
import static io.callstream.sink.testing.SinkRecords.enriched;
import static io.callstream.sink.testing.SinkRecords.exchange;
import static io.callstream.sink.testing.SinkRecords.line;
import static io.callstream.sink.testing.SinkRecords.started;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callstream.avro.Alert;
import io.callstream.avro.CallEvent;
import io.callstream.avro.CallStarted;
import io.callstream.avro.EnrichedTurn;
import io.callstream.avro.QaExchange;
import io.callstream.avro.Status;
import io.callstream.avro.TranscriptLine;
import org.junit.jupiter.api.Test;

class LiveCallsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LiveCalls calls = new LiveCalls(10, 0);

    private CallView view(String callId) {
        return calls.view(callId).orElseThrow();
    }

    private List<LiveEvent> events(String callId, long after) throws InterruptedException {
        return calls.awaitEvents(callId, after, Duration.ZERO).orElseThrow();
    }

    private static JsonNode json(LiveEvent e) {
        try {
            return JSON.readTree(e.data());
        } catch (java.io.IOException x) {
            throw new AssertionError("Not JSON: " + e.data(), x);
        }
    }

    @Test
    void finalTurnReplacesItsPartialInPlace() {
        calls.apply(started("c1"));
        calls.apply(enriched("c1", 0, 0, Status.PARTIAL, "We expect"));
        calls.apply(enriched("c1", 1, 0, Status.PARTIAL, "Next speaker"));
        calls.apply(enriched("c1", 0, 1, Status.FINAL, "We expect deliveries in July."));

        List<EnrichedTurn> turns = view("c1").turns();
        assertThat(turns).extracting(t -> t.getTurn().getTurnIndex()).containsExactly(0, 1);
        assertThat(turns.get(0).getTurn().getStatus()).isEqualTo(Status.FINAL);
        assertThat(turns.get(0).getTurn().getText()).isEqualTo("We expect deliveries in July.");
        assertThat(view("c1").summary().turns()).isEqualTo(2);
    }

    @Test
    void olderVersionReadLaterIsIgnoredAndAppendsNothing() throws Exception {
        calls.apply(started("c1"));
        calls.apply(enriched("c1", 0, 3, Status.FINAL, "Final words."));
        long before = events("c1", Long.MIN_VALUE).get(events("c1", Long.MIN_VALUE).size() - 1).id();

        assertThat(calls.apply(enriched("c1", 0, 2, Status.PARTIAL, "Final"))).isFalse();
        assertThat(calls.apply(enriched("c1", 0, 3, Status.FINAL, "Final words."))).isFalse();

        assertThat(view("c1").turns().get(0).getTurn().getVersion()).isEqualTo(3);
        assertThat(events("c1", before)).isEmpty();
    }

    @Test
    void alertIsHeldOnceByItsId() throws Exception {
        calls.apply(started("c1"));
        assertThat(calls.apply(alert("c1", "capital-raise", 4))).isTrue();
        assertThat(calls.apply(alert("c1", "capital-raise", 4))).isFalse();
        assertThat(calls.apply(alert("c1", "capital-raise", 5))).isTrue();

        assertThat(view("c1").alerts()).extracting(Alert::getAlertId)
                .containsExactly("c1/capital-raise/4", "c1/capital-raise/5");
        assertThat(events("c1", Long.MIN_VALUE)).filteredOn(e -> e.type().equals("alert")).hasSize(2);
    }

    @Test
    void alertsAreInCallTimeOrder() {
        calls.apply(started("c1"));
        calls.apply(Alert.newBuilder(alert("c1", "late", 9)).setCallOffsetMs(900_000).build());
        calls.apply(Alert.newBuilder(alert("c1", "early", 2)).setCallOffsetMs(100_000).build());

        assertThat(view("c1").alerts()).extracting(Alert::getRuleId).containsExactly("early", "late");
    }

    @Test
    void exchangeKeepsItsHighestVersionAndShowsTheTopicsOfItsTurns() throws Exception {
        calls.apply(started("c1"));
        calls.apply(enriched("c1", 0, 0, Status.FINAL, "What about margins?", "margins"));
        calls.apply(exchange("c1", 0, 2, Status.FINAL));
        calls.apply(exchange("c1", 0, 1, Status.PARTIAL));

        assertThat(view("c1").exchanges()).singleElement().extracting(QaExchange::getVersion).isEqualTo(2);
        LiveEvent last = last("c1", "exchange");
        assertThat(json(last).get("topics")).extracting(JsonNode::asText).containsExactly("margins");

        // The answer turn (index 1) gets a topic: the exchange shows it, and an event says so.
        calls.apply(enriched("c1", 1, 0, Status.FINAL, "Capex goes up.", "capex"));
        assertThat(json(last("c1", "exchange")).get("topics")).extracting(JsonNode::asText)
                .containsExactly("margins", "capex");
        assertThat(last("c1", "exchange").id()).isGreaterThan(last.id());
    }

    @Test
    void timelineCountsTheLatestTurnsPerMinuteAndTopic() {
        calls.apply(started("c1"));
        // Turn i starts at minute i (SinkRecords: startOffsetMs = 60 000 * i).
        calls.apply(enriched("c1", 0, 0, Status.FINAL, "Model 3 ramp and capex", "model-3", "capex"));
        calls.apply(enriched("c1", 2, 0, Status.PARTIAL, "Batteries", "batteries"));
        // The FINAL of turn 2 no longer carries 'batteries': only what the latest version carries counts.
        calls.apply(enriched("c1", 2, 1, Status.FINAL, "Model 3 again", "model-3"));
        calls.apply(enriched("c1", 3, 0, Status.FINAL, "Model 3 once more", "model-3"));

        Timeline timeline = view("c1").timeline();
        assertThat(timeline.minutes()).isEqualTo(4);
        assertThat(timeline.topics()).extracting(Timeline.TopicCounts::topicId).containsExactly("capex", "model-3");
        assertThat(timeline.topics().get(1).counts()).containsExactly(1, 0, 1, 1);
        assertThat(timeline.topics().get(1).label()).isEqualTo("Label model-3");
        assertThat(timeline.topics().get(0).counts()).containsExactly(1, 0, 0, 0);
    }

    @Test
    void linesCountOncePerLineWhateverTheRevisions() {
        calls.apply(started("c1"));
        CallEvent first = line("c1", 0, "Good");
        calls.apply(first);
        CallEvent revised = CallEvent.newBuilder(first).setPayload(TranscriptLine.newBuilder(
                (TranscriptLine) first.getPayload()).setRevision(1).setText("Good afternoon.").build()).build();
        assertThat(calls.apply(revised)).isFalse();
        calls.apply(line("c1", 1, "Thank you."));

        assertThat(view("c1").summary().lines()).isEqualTo(2);
    }

    @Test
    void callIsDescribedByItsStartAndLiveUntilItEnds() {
        calls.apply(started("c1"));
        CallSummary live = view("c1").summary();
        assertThat(live.company()).isEqualTo("Tesla, Inc.");
        assertThat(live.ticker()).isEqualTo("TSLA");
        assertThat(live.fiscalPeriod()).isEqualTo("2016-Q4");
        assertThat(live.title()).isEqualTo("Q4 2016 Earnings Call");
        assertThat(live.live()).isTrue();

        calls.apply(ended("c1", 10));
        assertThat(view("c1").summary().live()).isFalse();
        assertThat(view("c1").summary().lastOffsetMs()).isEqualTo(3_600_000);
    }

    @Test
    void turnsReadBeforeTheCallsStartMakeACallThatItsStartDescribesLater() {
        calls.apply(enriched("c1", 0, 0, Status.FINAL, "Early turn"));
        assertThat(view("c1").summary().company()).isNull();
        assertThat(view("c1").summary().live()).isTrue();

        calls.apply(started("c1"));
        assertThat(view("c1").summary().company()).isEqualTo("Tesla, Inc.");
        assertThat(view("c1").turns()).hasSize(1);
    }

    @Test
    void callsAreListedNewestFirst() {
        calls.apply(startedAt("old", Instant.parse("2017-02-22T22:00:00Z")));
        calls.apply(startedAt("new", Instant.parse("2017-05-03T21:00:00Z")));
        calls.apply(startedAt("mid", Instant.parse("2017-03-01T21:00:00Z")));

        assertThat(calls.calls()).extracting(CallSummary::callId).containsExactly("new", "mid", "old");
    }

    @Test
    void callThatEndedFirstIsForgottenFirstWhenFull() {
        LiveCalls two = new LiveCalls(2, 0);
        two.apply(started("a"));
        two.apply(started("b"));
        two.apply(ended("b", 0));
        two.apply(ended("a", 0));
        two.apply(started("c"));

        assertThat(two.calls()).extracting(CallSummary::callId).containsExactlyInAnyOrder("a", "c");
        assertThat(two.view("b")).isEmpty();
    }

    @Test
    void callQuietTheLongestIsForgottenWhenNoneHasEnded() {
        LiveCalls two = new LiveCalls(2, 0);
        two.apply(started("a"));
        two.apply(started("b"));
        two.apply(line("a", 0, "a speaks again"));
        two.apply(started("c"));

        assertThat(two.calls()).extracting(CallSummary::callId).containsExactlyInAnyOrder("a", "c");
    }

    @Test
    void lateRecordsOfAForgottenCallAreIgnoredUntilItStartsAgain() {
        LiveCalls one = new LiveCalls(1, 0);
        one.apply(started("a"));
        one.apply(ended("a", 0));
        one.apply(started("b"));

        assertThat(one.apply(enriched("a", 0, 5, Status.FINAL, "late correction"))).isFalse();
        assertThat(one.calls()).extracting(CallSummary::callId).containsExactly("b");

        one.apply(started("a"));
        assertThat(one.calls()).extracting(CallSummary::callId).containsExactly("a");
    }

    @Test
    void aCallStartedAgainAfterBeingForgottenNumbersOnFromItsOldLog() throws Exception {
        LiveCalls one = new LiveCalls(1, 0);
        one.apply(started("a"));
        one.apply(alert("a", "capital-raise", 0));
        one.apply(ended("a", 0));
        long oldLast = one.awaitEvents("a", Long.MIN_VALUE, Duration.ZERO).orElseThrow().stream()
                .mapToLong(LiveEvent::id).max().orElseThrow();
        one.apply(started("b"));

        one.apply(started("a"));

        // A page still holding oldLast resumes with everything of the new log, not from some id past it.
        assertThat(one.awaitEvents("a", oldLast, Duration.ZERO).orElseThrow()).extracting(LiveEvent::type)
                .containsExactly("call");
    }

    @Test
    void eventIdsIncreaseFromOneInEachCallsLogAndAnItemKeepsOnlyItsLatestEvent() throws Exception {
        calls.apply(started("c1"));
        assertThat(events("c1", Long.MIN_VALUE)).extracting(LiveEvent::id).containsExactly(1L);

        // The turn is event 2; the call's summary changed with it (one more turn) and is event 3, replacing 1.
        calls.apply(enriched("c1", 0, 0, Status.PARTIAL, "Hello"));
        calls.apply(started("c2"));

        assertThat(events("c1", Long.MIN_VALUE)).extracting(LiveEvent::id).containsExactly(2L, 3L);
        assertThat(events("c1", Long.MIN_VALUE)).extracting(LiveEvent::type).containsExactly("turn", "call");
        assertThat(events("c2", Long.MIN_VALUE)).extracting(LiveEvent::id).containsExactly(1L);
    }

    @Test
    void resumingGivesTheLatestStateOfEveryItemChangedSinceAndNothingElse() throws Exception {
        calls.apply(started("c1"));
        calls.apply(enriched("c1", 0, 0, Status.FINAL, "First turn."));
        calls.apply(enriched("c1", 1, 0, Status.PARTIAL, "Second"));
        long seen = last("c1", "turn").id();

        calls.apply(enriched("c1", 1, 1, Status.PARTIAL, "Second turn"));
        calls.apply(enriched("c1", 1, 2, Status.FINAL, "Second turn, done."));
        calls.apply(alert("c1", "capital-raise", 1));

        List<LiveEvent> missed = events("c1", seen);
        assertThat(missed).extracting(LiveEvent::type).containsExactly("turn", "alert", "call");
        assertThat(json(missed.get(0)).get("version").asInt()).isEqualTo(2);
        assertThat(json(missed.get(0)).get("status").asText()).isEqualTo("FINAL");
        assertThat(missed).extracting(LiveEvent::id).isSorted().allMatch(id -> id > seen);
        assertThat(json(missed.get(2)).get("turns").asInt()).isEqualTo(2);
    }

    @Test
    void logsHoldOneEventPerItemHoweverManyVersionsCame() {
        calls.apply(started("c1"));
        for (int v = 0; v < 500; v++) {
            calls.apply(enriched("c1", 0, v, v == 499 ? Status.FINAL : Status.PARTIAL, "Words " + v));
        }
        // The call's log: the call and turn 0; the global log: the call.
        assertThat(calls.heldEvents()).isEqualTo(3);
    }

    @Test
    void anIdTheLogNeverGaveOutGetsTheWholeLog() throws Exception {
        LiveCalls restarted = new LiveCalls(10, 1_000);
        restarted.apply(started("c1"));
        restarted.apply(alert("c1", "capital-raise", 0));

        // From before a restart that numbered higher, or from another log: everything, not nothing.
        assertThat(restarted.awaitEvents("c1", 5_000, Duration.ZERO).orElseThrow()).hasSize(2);
        // From before a restart that numbered lower (the default numbering starts at the clock): everything too.
        assertThat(restarted.awaitEvents("c1", 40, Duration.ZERO).orElseThrow()).extracting(LiveEvent::id)
                .containsExactly(1_002L, 1_003L);
    }

    @Test
    void globalLogHasTheLatestSummaryOfEachCall() throws Exception {
        calls.apply(started("c1"));
        calls.apply(started("c2"));
        calls.apply(line("c1", 0, "Hello"));

        List<LiveEvent> global = calls.awaitCallEvents(Long.MIN_VALUE, Duration.ZERO);
        assertThat(global).extracting(LiveEvent::type).containsOnly("call");
        assertThat(global).extracting(e -> json(e).get("callId").asText()).containsExactly("c2", "c1");
        assertThat(json(global.get(1)).get("lines").asInt()).isEqualTo(1);
    }

    @Test
    void waitingForEventsWakesWhenOneIsAppended() throws Exception {
        calls.apply(started("c1"));
        long seen = events("c1", Long.MIN_VALUE).get(0).id();
        Thread writer = new Thread(() -> {
            try {
                Thread.sleep(100); // appends after the reader has started waiting, which is the case under test
            } catch (InterruptedException e) {
                return;
            }
            calls.apply(alert("c1", "capital-raise", 0));
        });
        writer.start();
        long start = System.nanoTime();
        List<LiveEvent> events = calls.awaitEvents("c1", seen, Duration.ofSeconds(10)).orElseThrow();
        writer.join();

        assertThat(events).extracting(LiveEvent::type).startsWith("alert");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void unknownCallHasNoEvents() throws Exception {
        assertThat(calls.awaitEvents("nope", Long.MIN_VALUE, Duration.ofMillis(10))).isEmpty();
    }

    private LiveEvent last(String callId, String type) throws InterruptedException {
        List<LiveEvent> all = events(callId, Long.MIN_VALUE).stream().filter(e -> e.type().equals(type)).toList();
        return all.get(all.size() - 1);
    }

    private static CallEvent startedAt(String callId, Instant at) {
        CallEvent e = started(callId);
        return CallEvent.newBuilder(e).setObservedAt(at)
                .setPayload(CallStarted.newBuilder((CallStarted) e.getPayload()).build()).build();
    }
}
