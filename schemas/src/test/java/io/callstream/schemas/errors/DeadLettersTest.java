package io.callstream.schemas.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import io.callstream.avro.DeadLetter;
import io.callstream.schemas.limits.RecordLimits;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

    @Test
    void cutsAnOversizedPayloadAndSaysSoSoTheDeadLetterFitsInAKafkaRecord() {
        byte[] huge = new byte[RecordLimits.KAFKA_DEFAULT_MAX_RECORD_BYTES + 10];
        huge[0] = 7;
        DeadLetter letter = DeadLetters.refusedRecord("enrich", "too big", null, "call-events", 0, 5L,
                "c1".getBytes(), huge, 0);
        assertThat(letter.getPayload().remaining()).isEqualTo(RecordLimits.MAX_DEAD_LETTER_PAYLOAD_BYTES);
        assertThat(letter.getPayload().get(0)).isEqualTo((byte) 7);
        assertThat(letter.getReason()).isEqualTo("too big (payload cut to its first 262144 of 1048586 bytes)");
    }

    @Test
    void keepsASmallPayloadWholeAndTheReasonAsGiven() {
        DeadLetter letter = DeadLetters.refusedInput("ingest", "bad line", "c1", "stdin line 3", new byte[] {1, 2, 3},
                Instant.EPOCH);
        assertThat(letter.getPayload().remaining()).isEqualTo(3);
        assertThat(letter.getReason()).isEqualTo("bad line");
    }

    @Test
    void cutsAHugeReasonAndCallId() {
        DeadLetter letter = DeadLetters.refusedInput("ingest", "x".repeat(100_000), "c".repeat(100_000), "http", null,
                Instant.EPOCH);
        assertThat(letter.getReason()).hasSizeLessThan(5_000);
        assertThat(letter.getCallId()).hasSizeLessThan(2_000);
    }
}
