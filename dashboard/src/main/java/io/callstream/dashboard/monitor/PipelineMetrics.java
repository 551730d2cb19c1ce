package io.callstream.dashboard.monitor;

import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.callstream.avro.Alert;
import io.callstream.avro.CallEvent;
import io.callstream.avro.DeadLetter;
import io.callstream.avro.EnrichedTurn;
import io.callstream.avro.SpeakerTurn;
import io.callstream.avro.Status;
import io.callstream.avro.TopicTag;
import io.callstream.avro.TranscriptLine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.avro.specific.SpecificRecord;

/**
 * The pipeline's own meters, counted from the records it writes as a reader of its topics sees them: lines in
 * (call-events), turn snapshots out and their topics (call-turns-enriched), alerts (call-alerts), dead letters
 * (call-dlq), and the end-to-end latency of turns and alerts. Other records (exchanges, calls started) are
 * ignored. No meter is tagged by call: a tag value is a time series kept for ever, and calls never stop coming.
 *
 * <h2>Latency</h2>
 * A line's latency ends when the first turn snapshot whose {@code lastSeq} is that line becomes visible here
 * (the line's words are then in a turn everyone can read), or when an alert whose {@code knownAtSeq} is that
 * line does. It starts, under the tag {@code from}:
 * <ul>
 * <li>{@code line_seen}: when the line itself became visible here. Always measured, and the same live and in a
 *     replay, where {@code observedAt} is historical (the demo replays a 2017 call with its own clock): it is what
 *     the pipeline after ingest (enrich, its transactions, the broker) adds.</li>
 * <li>{@code observed_at}: from the line's {@code observedAt}, the moment the system first saw it, so ingest's
 *     hop counts too. Only for live lines, those seen within {@link #LIVE_WINDOW} of their {@code observedAt};
 *     a replayed line would give the age of the recording.</li>
 * </ul>
 * Both ends are read on this process's clock, except {@code observedAt}, which is the ingesting machine's.
 * Records written before the reader started must be passed to {@link #acceptUntimed}: a backlog read in one burst
 * would time how fast this reader catches up, not the pipeline.
 *
 * <p>Thread-safe: the records of several feeds may come on their own threads.
 */
public final class PipelineMetrics implements Consumer<SpecificRecord> {

    /** How close to now a line's observedAt must be, when it is seen, for the line to count as live. */
    public static final Duration LIVE_WINDOW = Duration.ofSeconds(5);
    /** Lines remembered while waiting for their turn: hundreds of live calls' worth of the last few minutes. */
    static final int DEFAULT_PENDING_LINES = 10_000;

    private static final String FROM_LINE_SEEN = "line_seen";
    private static final String FROM_OBSERVED_AT = "observed_at";

    private final MeterRegistry registry;
    private final InstantSource clock;
    private final PendingLines pending;
    private final RecentKeys finishedTurns;
    // Ids from taxonomies and rules files: tens in practice, bounded in case a file is generated.
    private final TagValues topics = new TagValues(500);
    private final TagValues rules = new TagValues(500);
    private final TagValues stages = new TagValues(20);
    private final TagValues reasons = new TagValues(100);
    private final Timer turnFromSeen;
    private final Timer turnFromObserved;
    private final Timer alertFromSeen;
    private final Timer alertFromObserved;

    public PipelineMetrics(MeterRegistry registry, InstantSource clock) {
        this(registry, clock, DEFAULT_PENDING_LINES);
    }

    PipelineMetrics(MeterRegistry registry, InstantSource clock, int pendingLines) {
        this.registry = registry;
        this.clock = clock;
        this.pending = new PendingLines(pendingLines);
        this.finishedTurns = new RecentKeys(pendingLines);
        this.turnFromSeen = latency("callstream.latency.turn", FROM_LINE_SEEN, "line to the first turn snapshot ending with it");
        this.turnFromObserved = latency("callstream.latency.turn", FROM_OBSERVED_AT, "line to the first turn snapshot ending with it");
        this.alertFromSeen = latency("callstream.latency.alert", FROM_LINE_SEEN, "line to each alert known at it");
        this.alertFromObserved = latency("callstream.latency.alert", FROM_OBSERVED_AT, "line to each alert known at it");
    }

    private Timer latency(String name, String from, String what) {
        return Timer.builder(name)
                .description("End-to-end latency, " + what + " (from: line_seen, or observed_at for live lines)")
                .tag("from", from)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(5))
                .register(registry);
    }

    /** A record that became visible just now. */
    @Override
    public void accept(SpecificRecord record) {
        record(record, true);
    }

    /** A record written before this reader started: counted, never timed. */
    public void acceptUntimed(SpecificRecord record) {
        record(record, false);
    }

    private synchronized void record(SpecificRecord record, boolean timed) {
        long now = clock.millis();
        if (record instanceof CallEvent event) {
            if (event.getPayload() instanceof TranscriptLine line) {
                lineIn(event, line, now, timed);
            }
        } else if (record instanceof EnrichedTurn turn) {
            turnOut(turn, now, timed);
        } else if (record instanceof Alert alert) {
            alert(alert, now, timed);
        } else if (record instanceof DeadLetter letter) {
            deadLetter(letter);
        }
        // Exchanges and plain call-turns are not measured: turns are counted once, from call-turns-enriched.
    }

    private void lineIn(CallEvent event, TranscriptLine line, long now, boolean timed) {
        Counter.builder("callstream.lines.in").description("Transcript lines on call-events (every revision)")
                .tag("status", line.getStatus().name()).register(registry).increment();
        if (timed) {
            pending.seen(event.getCallId(), line.getSeq(), now, event.getObservedAt().toEpochMilli());
        }
    }

    private void turnOut(EnrichedTurn enriched, long now, boolean timed) {
        SpeakerTurn turn = enriched.getTurn();
        Counter.builder("callstream.turns.out")
                .description("Turn snapshots on call-turns-enriched: every PARTIAL, FINAL and correction")
                .tag("status", turn.getStatus().name()).register(registry).increment();
        // A turn's topics are counted once, on its first FINAL: a correction re-issues the same turn.
        if (turn.getStatus() == Status.FINAL && finishedTurns.add(turn.getCallId() + '\u0000' + turn.getTurnIndex())) {
            Set<String> ids = new LinkedHashSet<>();
            for (TopicTag tag : enriched.getTopics()) {
                ids.add(tag.getTopicId());
            }
            for (String id : ids) {
                Counter.builder("callstream.tags").description("Topics found on finished turns, each turn once")
                        .tag("topic", topics.admit(id)).register(registry).increment();
            }
        }
        PendingLines.Line line = pending.get(turn.getCallId(), turn.getLastSeq());
        if (timed && line != null && !line.turnTimed()) {
            time(turnFromSeen, turnFromObserved, line, now);
            pending.markTurnTimed(turn.getCallId(), turn.getLastSeq());
        }
    }

    private void alert(Alert alert, long now, boolean timed) {
        Counter.builder("callstream.alerts").description("Alerts on call-alerts")
                .tag("rule", rules.admit(alert.getRuleId()))
                .tag("severity", alert.getSeverity().name())
                .register(registry).increment();
        PendingLines.Line line = pending.get(alert.getCallId(), alert.getKnownAtSeq());
        if (timed && line != null) {
            time(alertFromSeen, alertFromObserved, line, now);
        }
    }

    private void deadLetter(DeadLetter letter) {
        Counter.builder("callstream.dead.letters").description("Records refused by a stage, on call-dlq")
                .tag("stage", stages.admit(letter.getStage()))
                .tag("reason", reasons.admit(DeadLetterReason.category(letter)))
                .register(registry).increment();
    }

    private static void time(Timer fromSeen, Timer fromObserved, PendingLines.Line line, long now) {
        fromSeen.record(Math.max(0, now - line.seenAtMillis()), TimeUnit.MILLISECONDS);
        if (Math.abs(line.seenAtMillis() - line.observedAtMillis()) <= LIVE_WINDOW.toMillis()) {
            fromObserved.record(Math.max(0, now - line.observedAtMillis()), TimeUnit.MILLISECONDS);
        }
    }
}
