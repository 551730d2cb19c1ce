package io.callstream.ingest.source;

/**
 * A line of an input that did not become an event, and why; the other lines of its call go on without it.
 *
 * @param callId the call it belongs to where that could be read, else null
 * @param where  where it is, as a person looks for it: "calls/tesla.txt line 12", "stdin line 3"; for a layout
 *               that does not keep its lines' places, the input and the line's id
 * @param reason what is wrong and what to do
 * @param raw    the line's bytes as read (canonical JSON Lines), or, for a transcript layout, where a line of speech
 *               may span several lines of the file, the event it would have been, as canonical JSON
 */
public record RefusedLine(String callId, String where, String reason, byte[] raw) {

    /** One line for a log: where, then why. */
    public String message() {
        return where + ": " + reason;
    }
}
