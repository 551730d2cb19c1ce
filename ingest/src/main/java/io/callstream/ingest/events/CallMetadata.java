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
 * @param companySource  where the company was read ({@code CallStarted.companySource}: "flag", "manifest", "title",
 *                       "affiliations", "welcome", "file-name"), or null where whoever built it simply knows it
 */
public record CallMetadata(
        String callId,
        String company,
        String ticker,
        String fiscalPeriod,
        Instant scheduledStart,
        String source,
        String title,
        String companySource) {

    public CallMetadata {
        Objects.requireNonNull(callId, "callId");
        if (callId.isBlank()) {
            throw new IllegalArgumentException("callId must not be blank");
        }
        Objects.requireNonNull(company, "company");
        Objects.requireNonNull(source, "source");
    }

    /** A call whose company is known to whoever describes it (a bundled sample, a test). */
    public CallMetadata(String callId, String company, String ticker, String fiscalPeriod, Instant scheduledStart,
            String source, String title) {
        this(callId, company, ticker, fiscalPeriod, scheduledStart, source, title, null);
    }
}
