package io.callstream.ingest.events;

import java.time.Instant;
import java.util.Objects;

/**
 * What a call is, as the desk knows it before the first word: the content of its CallStarted event.
 *
 * @param callId         the call's stable id, also the record key on call-events
 * @param company        the company holding the call
 * @param ticker         its ticker, or null
 * @param fiscalPeriod   the period reported on ("2016-Q4"), or null
 * @param scheduledStart when the call was scheduled to begin (call offset 0), or null when unknown
 * @param source         where the events come from ("sample:...", "file:...")
 * @param title          a title for people, or null
 */
public record CallMetadata(
        String callId,
        String company,
        String ticker,
        String fiscalPeriod,
        Instant scheduledStart,
        String source,
        String title) {

    public CallMetadata {
        Objects.requireNonNull(callId, "callId");
        if (callId.isBlank()) {
            throw new IllegalArgumentException("callId must not be blank");
        }
        Objects.requireNonNull(company, "company");
        Objects.requireNonNull(source, "source");
    }
}
