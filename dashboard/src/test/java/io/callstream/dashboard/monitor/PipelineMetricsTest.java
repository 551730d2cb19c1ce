package io.callstream.dashboard.monitor;

import static io.callstream.sink.testing.SinkRecords.alert;
import static io.callstream.sink.testing.SinkRecords.enriched;
import static io.callstream.sink.testing.SinkRecords.exchange;
import static io.callstream.sink.testing.SinkRecords.line;
import static io.callstream.sink.testing.SinkRecords.started;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;

import io.callstream.avro.Alert;
import io.callstream.avro.CallEvent;
import io.callstream.avro.DeadLetter;
import io.callstream.avro.Severity;
import io.callstream.avro.Status;
import io.callstream.avro.TranscriptLine;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class PipelineMetricsTest {

    /** Today, while the records replayed carry 2017's observedAt. */
    private Instant now = Instant.parse("2026-11-28T10:00:00Z");
    private final InstantSource clock = () -> now;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final PipelineMetrics metrics = new PipelineMetrics(registry, clock);

    @Test
    void countsLinesByStatusAndIgnoresOtherCallEvents() {
        metrics.accept(started("c1"));
        metrics.accept(line("c1", 0, "Good afternoon."));
        metrics.accept(line("c1", 1, "Welcome."));
        metrics.accept(withStatus(line("c1", 2, "And"), Status.PARTIAL));

        assertThat(count("callstream.lines.in", "status", "FINAL")).isEqualTo(2);
        assertThat(count("callstream.lines.in", "status", "PARTIAL")).isEqualTo(1);
    }

    @Test
    void countsEveryTurnSnapshotByStatus() {
        metrics.accept(enriched("c1", 0, 0, Status.PARTIAL, "We"));
        metrics.accept(enriched("c1", 0, 1, Status.PARTIAL, "We expect"));
        metrics.accept(enriched("c1", 0, 1, Status.FINAL, "We expect"));

        assertThat(count("callstream.turns.out", "status", "PARTIAL")).isEqualTo(2);
        assertThat(count("callstream.turns.out", "status", "FINAL")).isEqualTo(1);
    }

    @Test
    void countsTopicsOfEachFinishedTurnOnceThoughCorrectionsReissueIt() {
        metrics.accept(enriched("c1", 0, 0, Status.PARTIAL, "Guidance", "guidance"));
        metrics.accept(enriched("c1", 0, 1, Status.FINAL, "Guidance and demand", "guidance", "demand"));
        metrics.accept(enriched("c1", 0, 2, Status.FINAL, "Guidance and demand", "guidance", "demand"));
        metrics.accept(enriched("c1", 1, 0, Status.FINAL, "More guidance", "guidance"));

        assertThat(count("callstream.tags", "topic", "guidance")).isEqualTo(2);
        assertThat(count("callstream.tags", "topic", "demand")).isEqualTo(1);
    }

    @Test
    void countsAlertsByRuleAndSeverity() {
        metrics.accept(alert("c1", "capital-raise-by-executive", 3));
        metrics.accept(alert("c1", "capital-raise-by-executive", 7));
        metrics.accept(Alert.newBuilder(alert("c1", "guidance-with-number", 4)).setSeverity(Severity.MEDIUM).build());

        assertThat(registry.get("callstream.alerts").tag("rule", "capital-raise-by-executive").tag("severity", "HIGH")
                .counter().count()).isEqualTo(2);
        assertThat(registry.get("callstream.alerts").tag("rule", "guidance-with-number").tag("severity", "MEDIUM")
                .counter().count()).isEqualTo(1);
    }

    @Test
    void countsDeadLettersByStageAndReasonCategoryNotByTheirFreeText() {
        metrics.accept(deadLetter("enrich", "Cannot read record: Unknown magic byte!",
                "org.apache.kafka.common.errors.SerializationException"));
        metrics.accept(deadLetter("enrich", "line c1-L00005 has seq 5 but seq 5 was skipped", null));
        metrics.accept(deadLetter("enrich", "line c1-L00009 has seq 9 but seq 9 was skipped", null));
        metrics.accept(deadLetter("enrich", "line after the call ended (at seq 12)", null));
        metrics.accept(deadLetter("sink", "The store refused the record: value too long for column", null));

        assertThat(count2("callstream.dead.letters", "stage", "enrich", "reason", "SerializationException")).isEqualTo(1);
        assertThat(count2("callstream.dead.letters", "stage", "enrich", "reason", "line")).isEqualTo(2);
        assertThat(count2("callstream.dead.letters", "stage", "enrich", "reason", "line after the call ended"))
                .isEqualTo(1);
        assertThat(count2("callstream.dead.letters", "stage", "sink", "reason", "the store refused the record"))
                .isEqualTo(1);
    }

    @Test
    void timesReplayedTurnFromWhenItsLineWasSeenNotFromItsHistoricalObservedAt() {
        metrics.accept(line("c1", 0, "Good afternoon.")); // observedAt 2017
        now = now.plusMillis(120);
        metrics.accept(enriched("c1", 0, 0, Status.PARTIAL, "Good afternoon."));

        assertThat(timer("callstream.latency.turn", "line_seen").count()).isEqualTo(1);
        assertThat(timer("callstream.latency.turn", "line_seen").totalTime(TimeUnit.MILLISECONDS)).isEqualTo(120);
        assertThat(timer("callstream.latency.turn", "observed_at").count()).isZero();
    }

    @Test
    void timesLiveTurnFromObservedAtToo() {
        metrics.accept(observedAt(line("c1", 0, "Good afternoon."), now.minusMillis(30)));
        now = now.plusMillis(120);
        metrics.accept(enriched("c1", 0, 0, Status.PARTIAL, "Good afternoon."));

        assertThat(timer("callstream.latency.turn", "line_seen").totalTime(TimeUnit.MILLISECONDS)).isEqualTo(120);
        assertThat(timer("callstream.latency.turn", "observed_at").totalTime(TimeUnit.MILLISECONDS)).isEqualTo(150);
    }

    @Test
    void timesALineOnlyOnTheFirstSnapshotEndingWithIt() {
        metrics.accept(line("c1", 0, "Good afternoon."));
        now = now.plusMillis(50);
        metrics.accept(enriched("c1", 0, 0, Status.PARTIAL, "Good afternoon."));
        now = now.plusMillis(5_000);
        metrics.accept(enriched("c1", 0, 0, Status.FINAL, "Good afternoon.")); // closed by the next speaker

        assertThat(timer("callstream.latency.turn", "line_seen").count()).isEqualTo(1);
        assertThat(timer("callstream.latency.turn", "line_seen").totalTime(TimeUnit.MILLISECONDS)).isEqualTo(50);
    }

    @Test
    void timesEveryAlertKnownAtALineAlsoAfterItsTurnWasTimed() {
        metrics.accept(line("c1", 412, "We may raise capital later this year."));
        now = now.plusMillis(40);
        metrics.accept(enriched("c1", 3, 412, Status.PARTIAL, "We may raise capital later this year."));
        now = now.plusMillis(10);
        metrics.accept(alert("c1", "capital-raise-by-executive", 3)); // knownAtSeq 412
        metrics.accept(alert("c1", "another-rule", 3));

        Timer alerts = timer("callstream.latency.alert", "line_seen");
        assertThat(alerts.count()).isEqualTo(2);
        assertThat(alerts.max(TimeUnit.MILLISECONDS)).isEqualTo(50);
    }

    @Test
    void countsButNeverTimesRecordsWrittenBeforeTheReaderStarted() {
        metrics.acceptUntimed(line("c1", 0, "Good afternoon."));
        now = now.plusMillis(1);
        metrics.acceptUntimed(enriched("c1", 0, 0, Status.PARTIAL, "Good afternoon."));
        metrics.accept(enriched("c1", 0, 0, Status.FINAL, "Good afternoon."));

        assertThat(count("callstream.lines.in", "status", "FINAL")).isEqualTo(1);
        assertThat(count("callstream.turns.out", "status", "PARTIAL")).isEqualTo(1);
        assertThat(timer("callstream.latency.turn", "line_seen").count()).isZero();
    }

    @Test
    void forgetsTheOldestWaitingLineBeyondItsBound() {
        PipelineMetrics bounded = new PipelineMetrics(registry, clock, 2);
        bounded.accept(line("c1", 0, "One."));
        bounded.accept(line("c1", 1, "Two."));
        bounded.accept(line("c1", 2, "Three."));
        now = now.plusMillis(10);
        bounded.accept(enriched("c1", 0, 0, Status.PARTIAL, "One."));
        bounded.accept(enriched("c1", 0, 2, Status.PARTIAL, "One. Two. Three."));

        assertThat(timer("callstream.latency.turn", "line_seen").count()).isEqualTo(1);
    }

    @Test
    void ignoresExchanges() {
        metrics.accept(exchange("c1", 0, 0, Status.PARTIAL));

        assertThat(registry.find("callstream.turns.out").counter()).isNull();
    }

    private double count(String name, String tag, String value) {
        return registry.get(name).tag(tag, value).counter().count();
    }

    private double count2(String name, String tag1, String value1, String tag2, String value2) {
        var counter = registry.find(name).tag(tag1, value1).tag(tag2, value2).counter();
        return counter == null ? 0 : counter.count();
    }

    private Timer timer(String name, String from) {
        return registry.get(name).tag("from", from).timer();
    }

    private static CallEvent withStatus(CallEvent event, Status status) {
        TranscriptLine line = TranscriptLine.newBuilder((TranscriptLine) event.getPayload()).setStatus(status).build();
        return CallEvent.newBuilder(event).setPayload(line).build();
    }

    private static CallEvent observedAt(CallEvent event, Instant at) {
        return CallEvent.newBuilder(event).setObservedAt(at).build();
    }

    private static DeadLetter deadLetter(String stage, String reason, String errorClass) {
        return DeadLetter.newBuilder().setCallId("c1").setStage(stage).setReason(reason).setErrorClass(errorClass)
                .setObservedAt(Instant.parse("2017-02-22T22:31:00Z")).build();
    }
}
