package io.callstream.ingest.canonical;

import io.callstream.avro.CallEvent;

/**
 * What one line of canonical JSON Lines turned out to be: an event, or a refusal with the reason. Errors are data
 * here, so a reader goes on past a bad line and a caller decides what becomes of it (a message, a dead letter).
 * {@code raw} is the line's bytes as received (not copied: do not change them).
 */
public sealed interface LineResult {

    int lineNumber();

    byte[] raw();

    record Event(int lineNumber, byte[] raw, CallEvent event) implements LineResult {
    }

    /**
     * @param callId   the line's callId where it could be read (for the dead letter's key), else null
     * @param reason   what is wrong and what to do, without the line number
     * @param textRule the line is a well-formed event refused by {@link io.callstream.schemas.limits.EventText}
     *                 (a control character, a line too long): fixing the text, not the JSON, is the remedy
     */
    record Refused(int lineNumber, byte[] raw, String callId, String reason, boolean textRule) implements LineResult {

        /** A line that could not be read as an event. */
        public Refused(int lineNumber, byte[] raw, String callId, String reason) {
            this(lineNumber, raw, callId, reason, false);
        }
    }
}
