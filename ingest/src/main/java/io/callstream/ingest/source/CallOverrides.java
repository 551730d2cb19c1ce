package io.callstream.ingest.source;

import io.callstream.schemas.calls.CompanySource;

import java.time.Instant;

/**
 * What the user says about a call on the command line; each part null where they said nothing. These win over
 * what the transcript says of itself ({@link io.callstream.ingest.parse.CallHints}).
 */
public record CallOverrides(String callId, String company, String ticker, String fiscalPeriod, Instant scheduledStart,
        String companySource) {

    public static final CallOverrides NONE = new CallOverrides(null, null, null, null, null, null);

    /** What the user gave on the command line: a company here comes from a flag. */
    public CallOverrides(String callId, String company, String ticker, String fiscalPeriod, Instant scheduledStart) {
        this(callId, company, ticker, fiscalPeriod, scheduledStart, CompanySource.FLAG);
    }
}
