package io.callstream.ingest.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes the vendor's transport artefacts from a paragraph: {@code \$} (an escaping slip) reads
 * {@code $}, {@code [ph]} (after a phonetically spelled word) is dropped and remembered, and
 * call-time markers {@code (7:12)} / {@code (1:02:09)} are dropped and kept as times at their word
 * position. The transcriber writes a marker where a word could not be made out, so it stands between
 * words or punctuation; removing it must not leave {@code "word ,"} or {@code ", ."} behind.
 */
final class VendorTextCleaner {

    private static final String MARKER = "\\((\\d{1,3}):([0-5]\\d)(?::([0-5]\\d))?\\)";
    private static final Pattern ARTEFACT = Pattern.compile("(\\\\\\$)|(\\[(?i:ph)\\])|" + MARKER);
    private static final String CLOSING = ",.;:?!)";
    private static final String AFTER_COMMA_REDUNDANT = ",.;:?!";

    private VendorTextCleaner() {
    }

    static CleanedText clean(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        List<CallTimeMarker> markers = new ArrayList<>();
        boolean phonetic = false;
        Matcher m = ARTEFACT.matcher(raw);
        int pos = 0;
        while (m.find()) {
            out.append(raw, pos, m.start());
            pos = m.end();
            if (m.group(1) != null) {
                out.append('$');
                continue;
            }
            if (m.group(2) != null) {
                phonetic = true;
            } else {
                markers.add(new CallTimeMarker(Words.count(out), markerMillis(m)));
            }
            pos = closeGap(out, raw, pos);
        }
        out.append(raw, pos, raw.length());
        String text = UnicodeBlanks.collapse(out);
        return new CleanedText(text, Words.count(text), markers, phonetic);
    }

    /** Groups 3..5: minutes:seconds, or hours:minutes:seconds when the third part is present. */
    private static long markerMillis(Matcher m) {
        long a = Long.parseLong(m.group(3));
        long b = Long.parseLong(m.group(4));
        long seconds = m.group(5) == null
                ? a * 60 + b
                : (a * 60 + b) * 60 + Long.parseLong(m.group(5));
        return seconds * 1000;
    }

    /**
     * Joins the text on both sides of a removed artefact: one space between words, none before
     * closing punctuation, and a comma that would now run into other punctuation is dropped.
     * Returns where the rest of {@code raw} continues.
     */
    private static int closeGap(StringBuilder out, String raw, int pos) {
        while (!out.isEmpty() && Character.isWhitespace(out.charAt(out.length() - 1))) {
            out.setLength(out.length() - 1);
        }
        while (pos < raw.length() && Character.isWhitespace(raw.charAt(pos))) {
            pos++;
        }
        if (pos == raw.length() || out.isEmpty()) {
            return pos;
        }
        char next = raw.charAt(pos);
        if (CLOSING.indexOf(next) >= 0) {
            if (out.charAt(out.length() - 1) == ',' && AFTER_COMMA_REDUNDANT.indexOf(next) >= 0) {
                out.setLength(out.length() - 1);
            }
        } else {
            out.append(' ');
        }
        return pos;
    }
}
