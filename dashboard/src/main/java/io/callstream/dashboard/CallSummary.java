package io.callstream.dashboard;

import java.time.Instant;

/**
 * A call as the calls list shows it. Company, ticker, fiscal period, title and start come from the call's
 * {@code CallStarted} and are null until it has been read (the feed reads four topics side by side, so a call's
 * turns can arrive before its start).
 *
 * @param startedAt    {@code observedAt} of the call's start
 * @param live         true until the call's {@code CallEnded} has been read
 * @param lines        distinct transcript lines (by lineId; revisions of a line count once)
 * @param turns        distinct turns
 * @param lastOffsetMs the furthest call time any record of the call reached, 0 before any
 */
public record CallSummary(String callId, String company, String ticker, String fiscalPeriod, String title,
                          Instant startedAt, boolean live, int lines, int turns, int alerts, int exchanges,
                          long lastOffsetMs) {
}
