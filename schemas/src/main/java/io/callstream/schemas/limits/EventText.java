package io.callstream.schemas.limits;

import java.util.Optional;

import io.callstream.avro.CallEnded;
import io.callstream.avro.CallEvent;
import io.callstream.avro.CallStarted;
import io.callstream.avro.SpeakerIdentified;
import io.callstream.avro.TranscriptLine;

/**
 * The one rule for the text of a call event, applied by every ingest source before it sends and by enrich before it
 * assembles (a producer may write to {@code call-events} directly), so no store is ever asked to hold what it would
 * refuse and no call is left half written:
 * <ul>
 *   <li>no control characters but tab, line feed and carriage return: PostgreSQL refuses NUL in text, and no
 *       transcript holds the others (they come from binary data or a broken encoder);</li>
 *   <li>no unpaired UTF-16 surrogate: it has no UTF-8 form, so Avro would write it as '?', changing the words;</li>
 *   <li>within {@link RecordLimits}: a line's text up to {@link RecordLimits#MAX_LINE_TEXT_BYTES}, any other field up
 *       to {@link RecordLimits#MAX_FIELD_BYTES}.</li>
 * </ul>
 * Text is refused, never cleaned: a cleaned line would no longer be what was said, and the sender is told why.
 */
public final class EventText {

    private EventText() {
    }

    /** What is wrong with the event's text, in words a sender can act on; empty when it may go on. */
    public static Optional<String> problem(CallEvent event) {
        String problem = field("callId", event.getCallId(), RecordLimits.MAX_FIELD_BYTES);
        Object payload = event.getPayload();
        if (problem == null && payload instanceof TranscriptLine line) {
            problem = first(field("lineId", line.getLineId(), RecordLimits.MAX_FIELD_BYTES),
                    field("speakerLabel", line.getSpeakerLabel(), RecordLimits.MAX_FIELD_BYTES),
                    field("affiliation", line.getAffiliation(), RecordLimits.MAX_FIELD_BYTES),
                    field("text", line.getText(), RecordLimits.MAX_LINE_TEXT_BYTES));
        } else if (problem == null && payload instanceof CallStarted started) {
            problem = first(field("company", started.getCompany(), RecordLimits.MAX_FIELD_BYTES),
                    field("ticker", started.getTicker(), RecordLimits.MAX_FIELD_BYTES),
                    field("fiscalPeriod", started.getFiscalPeriod(), RecordLimits.MAX_FIELD_BYTES),
                    field("title", started.getTitle(), RecordLimits.MAX_FIELD_BYTES),
                    field("source", started.getSource(), RecordLimits.MAX_FIELD_BYTES));
        } else if (problem == null && payload instanceof SpeakerIdentified identified) {
            problem = first(field("speakerLabel", identified.getSpeakerLabel(), RecordLimits.MAX_FIELD_BYTES),
                    field("name", identified.getName(), RecordLimits.MAX_FIELD_BYTES),
                    field("affiliation", identified.getAffiliation(), RecordLimits.MAX_FIELD_BYTES));
        } else if (problem == null && payload instanceof CallEnded ended) {
            problem = field("reason", ended.getReason(), RecordLimits.MAX_FIELD_BYTES);
        }
        return Optional.ofNullable(problem);
    }

    /**
     * What is wrong with one text field ({@code name} is how the sender knows it), or null. Null text is left to the
     * schema, which says where it is allowed.
     */
    public static String field(String name, CharSequence text, int maxBytes) {
        if (text == null) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7F) {
                continue; // printable ASCII, nearly every character: one test
            }
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7F) {
                return name + " holds the control character U+" + String.format("%04X", (int) c) + " at position " + i
                        + ": send text without control characters (only tab, line feed and carriage return)";
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return name + " holds an unpaired UTF-16 surrogate U+" + String.format("%04X", (int) c)
                        + " at position " + i + ": it is not a character; send valid Unicode text";
            }
        }
        // No char takes more than 3 bytes of UTF-8 (a surrogate pair, two chars, takes 4): a text that short fits
        // without being counted, as nearly every line does.
        if (text.length() * 3L <= maxBytes) {
            return null;
        }
        int bytes = utf8Bytes(text);
        if (bytes > maxBytes) {
            return name + " is " + bytes + " bytes of UTF-8, over the limit of " + maxBytes
                    + (maxBytes == RecordLimits.MAX_LINE_TEXT_BYTES ? ": split it into lines (sentences)" : "");
        }
        return null;
    }

    private static String first(String... problems) {
        for (String p : problems) {
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    /** The UTF-8 size of {@code text} without encoding it (unpaired surrogates count as the '?' Avro writes). */
    public static int utf8Bytes(CharSequence text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += c < 0x80 || Character.isSurrogate(c) ? 1 : c < 0x800 ? 2 : 3;
            }
        }
        return bytes;
    }
}
