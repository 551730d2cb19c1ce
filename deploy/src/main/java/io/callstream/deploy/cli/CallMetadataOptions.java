package io.callstream.deploy.cli;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import io.callstream.ingest.source.CallOverrides;
import picocli.CommandLine.Option;

/** What a user may say about a call on the command line; it wins over what the transcript says of itself. */
final class CallMetadataOptions {

    @Option(names = "--call-id", paramLabel = "ID", description = "The call's id (default: from the file name).")
    private String callId;

    @Option(names = "--company", paramLabel = "NAME",
            description = "The company holding the call (default: a calls.csv or NAME.meta.json manifest beside the "
                    + "file, else the transcript's title, else its speakers' shared firm or the operator's welcome, "
                    + "else the file name, which is not used to tell executives from analysts).")
    private String company;

    @Option(names = "--ticker", paramLabel = "TICKER", description = "Its ticker, e.g. TSLA.")
    private String ticker;

    @Option(names = "--fiscal-period", paramLabel = "PERIOD", description = "The period reported on, e.g. 2016-Q4.")
    private String fiscalPeriod;

    @Option(names = "--start", paramLabel = "INSTANT",
            description = "When the call began, ISO-8601 (2017-02-22T22:30:00Z); call time 0 is this instant.")
    private String start;

    CallOverrides overrides() {
        Instant scheduledStart = null;
        if (start != null) {
            try {
                scheduledStart = Instant.parse(start);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("--start takes an ISO-8601 instant such as 2017-02-22T22:30:00Z, not '"
                        + start + "'");
            }
        }
        return new CallOverrides(callId, company, ticker, fiscalPeriod, scheduledStart);
    }
}
