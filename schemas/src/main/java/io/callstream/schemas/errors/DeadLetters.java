package io.callstream.schemas.errors;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.callstream.avro.DeadLetter;
import io.callstream.schemas.limits.RecordLimits;

/**
 * The one way every stage turns what it refused into a {@link DeadLetter}: the reason, where from, and the bytes. The
 * bytes are cut to {@link RecordLimits#MAX_DEAD_LETTER_PAYLOAD_BYTES} (the reason says so), and the reason and call id
 * to a few KB, so that a dead letter always fits in a Kafka record: refusing an oversized record must not fail in turn.
 */
public final class DeadLetters {

    private static final int MAX_REASON_CHARS = 4096;
    private static final int MAX_CALL_ID_CHARS = 1024;

    private DeadLetters() {
    }

    private static ByteBuffer payload(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        return ByteBuffer.wrap(bytes, 0, Math.min(bytes.length, RecordLimits.MAX_DEAD_LETTER_PAYLOAD_BYTES)).slice();
    }

    private static String reason(String reason, byte[] payload) {
        String cut = cut(String.valueOf(reason), MAX_REASON_CHARS);
        return payload != null && payload.length > RecordLimits.MAX_DEAD_LETTER_PAYLOAD_BYTES
                ? cut + " (payload cut to its first " + RecordLimits.MAX_DEAD_LETTER_PAYLOAD_BYTES + " of "
                        + payload.length + " bytes)"
                : cut;
    }

    private static String cut(String text, int maxChars) {
        return text.length() <= maxChars ? text : text.substring(0, maxChars) + "…";
    }

    /** A Kafka record a stage could not read; its own timestamp keeps a replay's dead letters identical. */
    public static DeadLetter unreadableRecord(String stage, Exception cause, String topic, int partition, long offset,
                                              byte[] key, byte[] value, long timestamp) {
        return DeadLetter.newBuilder()
                .setCallId(key == null ? null : cut(new String(key, StandardCharsets.UTF_8), MAX_CALL_ID_CHARS))
                .setStage(stage)
                .setReason(reason("Cannot read record: " + cause.getMessage(), value))
                .setErrorClass(cause.getClass().getName())
                .setSourceTopic(topic)
                .setSourcePartition(partition)
                .setSourceOffset(offset)
                .setPayload(payload(value))
                .setObservedAt(Instant.ofEpochMilli(timestamp))
                .build();
    }

    /**
     * A record with no value (a tombstone) on a topic whose stage reads no deletions: no stage of the pipeline
     * writes one (its topics are not compacted; a call's records are never deleted one by one), so it is a
     * stranger's record, kept with where it came from. Its reason starts as enrich's does for one on call-events,
     * "a record with no value (a tombstone)", so that the dead-letter metrics count them under one category.
     */
    public static DeadLetter tombstone(String stage, String topic, int partition, long offset, byte[] key,
                                       long timestamp) {
        return refusedRecord(stage, "A record with no value (a tombstone) on " + topic + ": " + stage
                        + " reads no deletions and no stage of the pipeline writes one; look for the producer that "
                        + "sent it", null, topic, partition, offset, key, null, timestamp);
    }

    /**
     * A Kafka record a stage read but refused: by one of its rules ({@code cause} null), or because processing it
     * threw. The record's own timestamp keeps a replay's dead letters identical.
     */
    public static DeadLetter refusedRecord(String stage, String reason, Throwable cause, String topic,
                                           Integer partition, Long offset, byte[] key, byte[] value, long timestamp) {
        return DeadLetter.newBuilder()
                .setCallId(key == null ? null : cut(new String(key, StandardCharsets.UTF_8), MAX_CALL_ID_CHARS))
                .setStage(stage)
                .setReason(reason(reason, value))
                .setErrorClass(cause == null ? null : cause.getClass().getName())
                .setSourceTopic(topic)
                .setSourcePartition(partition)
                .setSourceOffset(offset)
                .setPayload(payload(value))
                .setObservedAt(Instant.ofEpochMilli(timestamp))
                .build();
    }

    /** Input refused before it became a record (a bad line of an HTTP batch or of stdin). */
    public static DeadLetter refusedInput(String stage, String reason, String callId, String source, byte[] raw,
                                          Instant at) {
        return refusedInput(stage, reason, null, callId, source, raw, at);
    }

    /** The same, where an exception was the cause ({@code cause} may be null). */
    public static DeadLetter refusedInput(String stage, String reason, Throwable cause, String callId, String source,
                                          byte[] raw, Instant at) {
        return DeadLetter.newBuilder()
                .setCallId(callId == null ? null : cut(callId, MAX_CALL_ID_CHARS))
                .setStage(stage)
                .setReason(reason(reason, raw))
                .setErrorClass(cause == null ? null : cause.getClass().getName())
                .setSource(source)
                .setPayload(payload(raw))
                .setObservedAt(at)
                .build();
    }
}
