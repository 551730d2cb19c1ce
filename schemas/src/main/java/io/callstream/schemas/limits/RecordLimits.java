package io.callstream.schemas.limits;

/**
 * Sizes every stage agrees on, so that whatever ingest accepts enrich can hold in its state and send on, and every
 * record the pipeline writes fits in one Kafka record on a cluster with default settings. They were chosen together:
 *
 * <ul>
 *   <li>Kafka refuses a record over {@link #KAFKA_DEFAULT_MAX_RECORD_BYTES} (the producer's {@code max.request.size}
 *       and the broker's {@code message.max.bytes}). Enrich's state records are written to changelog topics, so a
 *       state that outgrew it would fail on every retry and stop every call of the task: state must stay well
 *       under it whatever the input.</li>
 *   <li>The turn-assembly state holds the open turn twice (its text and its lines) plus the lines waiting for a
 *       missing seq: 2 x {@link #MAX_TURN_TEXT_BYTES} + {@link #MAX_BUFFERED_TEXT_BYTES} + a line is under 512 KiB.
 *       An enriched turn carries the text once with its spans and numbers.</li>
 *   <li>A dead letter carries the refused bytes, cut to {@link #MAX_DEAD_LETTER_PAYLOAD_BYTES}, so that refusing a
 *       record of any size can itself never fail for size.</li>
 * </ul>
 */
public final class RecordLimits {

    /** What Kafka takes by default: 1 MiB per record. */
    public static final int KAFKA_DEFAULT_MAX_RECORD_BYTES = 1024 * 1024;
    /**
     * A line's text, in UTF-8 bytes. The longest paragraph of the 56 shared calls is 1.4 KB and live feeds send
     * sentences, so 32 KiB is far beyond speech: a longer "line" is a file of another kind or an attack.
     */
    public static final int MAX_LINE_TEXT_BYTES = 32 * 1024;
    /** Any other text of an event (ids, speaker, affiliation, company, title, source, reason), in UTF-8 bytes. */
    public static final int MAX_FIELD_BYTES = 2 * 1024;
    /**
     * An open turn's text, in UTF-8 bytes: a line that would take it past this starts a new turn by the same
     * speaker (the longest turn of the shared corpus is under 20 KB).
     */
    public static final int MAX_TURN_TEXT_BYTES = 128 * 1024;
    /** The text of the lines waiting for a missing seq, in UTF-8 bytes: past this the gap is given up. */
    public static final int MAX_BUFFERED_TEXT_BYTES = 128 * 1024;
    /** A dead letter's payload (the refused record's bytes) is cut to this many bytes. */
    public static final int MAX_DEAD_LETTER_PAYLOAD_BYTES = 256 * 1024;

    private RecordLimits() {
    }
}
