package io.callstream.ingest.http;

import io.callstream.avro.CallEvent;
import io.callstream.avro.DeadLetter;
import io.callstream.schemas.errors.DeadLetters;
import io.callstream.avro.TranscriptLine;
import io.callstream.ingest.canonical.LineResult;
import io.callstream.ingest.events.EventIdentity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Produces a request's good events in order, skipping resends; turns every refused line into a dead letter; then
 * waits until Kafka has acknowledged all of it, and reports line by line.
 */
final class BatchIngest {

    private static final Logger LOG = LoggerFactory.getLogger(BatchIngest.class);
    static final String STAGE = "ingest";

    private final IngestProducer producer;
    private final RecentEvents recent;
    private final IngestHttpMetrics metrics;
    private final Duration ackTimeout;

    BatchIngest(IngestProducer producer, RecentEvents recent, IngestHttpMetrics metrics, Duration ackTimeout) {
        this.producer = producer;
        this.recent = recent;
        this.metrics = metrics;
        this.ackTimeout = ackTimeout;
    }

    private record Sent(LineResult.Event line, CompletableFuture<Void> ack, boolean duplicate) {
    }

    private record Letter(int line, CompletableFuture<Void> ack) {
    }

    /** @param source where the request came from, for dead letters ("http 10.0.0.1") */
    BatchReport ingest(List<LineResult> lines, String source, Instant receivedAt) throws InterruptedException {
        List<Sent> sent = new ArrayList<>();
        List<BatchReport.LineError> refused = new ArrayList<>();
        List<Letter> letters = new ArrayList<>();
        for (LineResult line : lines) {
            if (line instanceof LineResult.Event good) {
                produce(good, sent, refused, letters, source, receivedAt);
            } else {
                LineResult.Refused bad = (LineResult.Refused) line;
                refuse(bad.lineNumber(), bad.raw(), bad.callId(), bad.reason(), bad.textRule(), null, refused, letters,
                        source, receivedAt);
            }
        }
        long deadline = System.nanoTime() + ackTimeout.toNanos();
        awaitAll(sent.stream().map(Sent::ack).toList(), deadline);

        int accepted = 0;
        int duplicates = 0;
        List<BatchReport.LineError> unacknowledged = new ArrayList<>();
        for (Sent s : sent) {
            Throwable failure = failure(s.ack());
            if (failure == null) {
                accepted++;
                duplicates += s.duplicate() ? 1 : 0;
            } else if (failure instanceof RefusedTextException) {
                refuse(s.line().lineNumber(), s.line().raw(), s.line().event().getCallId(), failure.getMessage(), true,
                        null, refused, letters, source, receivedAt);
            } else if (isTheRecordsFault(failure)) {
                // The broker refused this record for what it is (a timestamp too far ahead, too large): resending
                // will not help, so it is refused like a bad line, and kept as a dead letter.
                refuse(s.line().lineNumber(), s.line().raw(), s.line().event().getCallId(), "Kafka refused the"
                        + " event: " + failure.getMessage(), false, failure, refused, letters, source, receivedAt);
            } else {
                unacknowledged.add(new BatchReport.LineError(s.line().lineNumber(), "Kafka did not acknowledge the"
                        + " event: " + failure));
            }
        }
        awaitAll(letters.stream().map(Letter::ack).toList(), deadline);
        for (Letter letter : letters) {
            Throwable failure = failure(letter.ack());
            if (failure != null) {
                unacknowledged.add(new BatchReport.LineError(letter.line(), "the line was refused, and Kafka did not"
                        + " acknowledge its dead letter: " + failure));
            }
        }
        count(accepted, duplicates, refused.size(), letters.size(), unacknowledged.size());
        return new BatchReport(accepted, duplicates, refused, unacknowledged);
    }

    private void produce(LineResult.Event good, List<Sent> sent, List<BatchReport.LineError> refused,
                         List<Letter> letters, String source, Instant receivedAt) {
        CallEvent event = good.event();
        EventIdentity identity = EventIdentity.of(event);
        RecentEvents.Claim claim = recent.claim(identity, contentHash(event));
        if (claim instanceof RecentEvents.Send send) {
            producer.send(event).whenComplete((ok, failure) -> {
                if (failure == null) {
                    send.ack().complete(null);
                } else {
                    send.ack().completeExceptionally(failure);
                }
            });
            sent.add(new Sent(good, send.ack(), false));
        } else if (claim instanceof RecentEvents.Duplicate duplicate) {
            sent.add(new Sent(good, duplicate.ack(), true));
        } else {
            TranscriptLine line = (TranscriptLine) event.getPayload();
            refuse(good.lineNumber(), good.raw(), event.getCallId(), "line " + line.getLineId() + " revision "
                    + line.getRevision() + " of call " + event.getCallId() + " was already accepted with other"
                    + " content; to change a line, send it with a higher revision.", false, null, refused, letters,
                    source, receivedAt);
        }
    }

    /**
     * What the event says, not when it was seen: a resend whose {@code observedAt} the server stamped again is
     * still the same event.
     */
    private static int contentHash(CallEvent event) {
        return Objects.hash(event.getCallOffsetMs(), event.getPayload());
    }

    private void refuse(int line, byte[] raw, String callId, String reason, boolean textRule, Throwable cause,
                        List<BatchReport.LineError> refused, List<Letter> letters, String source, Instant receivedAt) {
        refused.add(new BatchReport.LineError(line, reason, textRule));
        DeadLetter letter = DeadLetters.refusedInput(STAGE, reason, cause, callId, source + " line " + line, raw,
                receivedAt);
        letters.add(new Letter(line, producer.send(letter)));
    }

    private static void awaitAll(List<CompletableFuture<Void>> acks, long deadlineNanos) throws InterruptedException {
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // Each send's own outcome is read afterwards; one not done by the deadline counts as unacknowledged.
        }
    }

    private Throwable failure(CompletableFuture<Void> ack) {
        if (!ack.isDone()) {
            return new TimeoutException("not acknowledged within " + ackTimeout.toSeconds() + " s");
        }
        try {
            ack.join();
            return null;
        } catch (CompletionException e) {
            return e.getCause() != null ? e.getCause() : e;
        }
    }

    private static boolean isTheRecordsFault(Throwable failure) {
        return failure instanceof InvalidTimestampException || failure instanceof RecordTooLargeException
                || failure instanceof InvalidRecordException;
    }

    private void count(int accepted, int duplicates, int refused, int letters, int unacknowledged) {
        metrics.eventsProduced.addAndGet(accepted - duplicates);
        metrics.duplicatesSkipped.addAndGet(duplicates);
        metrics.linesRefused.addAndGet(refused);
        metrics.deadLetters.addAndGet(letters);
        if (unacknowledged > 0) {
            metrics.kafkaFailures.incrementAndGet();
            LOG.warn("{} event(s) or dead letter(s) not acknowledged by Kafka", unacknowledged);
        }
    }
}
