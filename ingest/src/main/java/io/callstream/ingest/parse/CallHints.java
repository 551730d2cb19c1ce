package io.callstream.ingest.parse;

import java.time.Instant;

/**
 * What a transcript says about its call in a title or header, each part null where it says nothing. Flags on the
 * command line win over hints; hints win over defaults.
 *
 * @param company        the company holding the call
 * @param ticker         its ticker
 * @param fiscalPeriod   the period reported on, normalized where possible ("2016-Q4", "FY2019", "Q3")
 * @param scheduledStart when the call began
 */
public record CallHints(String company, String ticker, String fiscalPeriod, Instant scheduledStart) {

    public static final CallHints NONE = new CallHints(null, null, null, null);
}
