package io.callstream.ingest.http;

import java.util.Comparator;
import java.util.List;

/**
 * What became of a request's events.
 *
 * @param accepted       events on Kafka now: produced and acknowledged, or skipped as a resend of one that was
 * @param duplicates     of those, how many were resends, not produced again
 * @param refused        lines refused, each with the reason; each one is also a dead letter
 * @param unacknowledged lines Kafka did not acknowledge (the cluster unreachable, a timeout): resend them
 */
record BatchReport(int accepted, int duplicates, List<LineError> refused, List<LineError> unacknowledged) {

    /**
     * A line of the request and what went wrong with it.
     *
     * @param textRule the line was a well-formed event refused by {@link io.callstream.schemas.limits.EventText}
     */
    record LineError(int line, String reason, boolean textRule) {

        LineError(int line, String reason) {
            this(line, reason, false);
        }
    }

    BatchReport {
        refused = sorted(refused);
        unacknowledged = sorted(unacknowledged);
    }

    /**
     * 503 when Kafka did not acknowledge everything (resending is the remedy, and safe); else 422 when every refused
     * line was a well-formed event whose text the event text rule refuses (a control character, a line too long:
     * changing the text is the remedy, and a client must not resend it as it is), 400 when a line was refused for
     * anything else (fixing it is the remedy); the good lines are kept either way; else 200.
     */
    int status() {
        if (!unacknowledged.isEmpty()) {
            return 503;
        }
        if (refused.isEmpty()) {
            return 200;
        }
        return refused.stream().allMatch(LineError::textRule) ? 422 : 400;
    }

    String message() {
        return switch (status()) {
            case 200 -> "All " + accepted + " events accepted.";
            case 422 -> refused.size() + " line(s) refused for their text, listed in errors with the reason, each"
                    + " also sent to the dead-letter topic; the other " + accepted + " event(s) were accepted and kept."
                    + " Do not resend the refused lines as they are: split a line over the limit into sentences, and"
                    + " send text without control characters.";
            case 400 -> refused.size() + " line(s) refused, listed in errors, each also sent to the dead-letter"
                    + " topic; the other " + accepted + " event(s) were accepted and kept. Fix and resend the refused"
                    + " lines (resending the whole batch is safe too: accepted events are not produced twice).";
            default -> unacknowledged.size() + " event(s) were not acknowledged by Kafka, listed in unacknowledged;"
                    + " " + accepted + " were accepted. Resend the request (accepted events are not produced twice).";
        };
    }

    private static List<LineError> sorted(List<LineError> errors) {
        return errors.stream().sorted(Comparator.comparingInt(LineError::line)).toList();
    }
}
