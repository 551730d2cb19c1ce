package io.callstream.ingest.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * A document's lines, whatever its line endings: {@code text.split("\\R", -1)} without the regex. Every layout splits
 * its whole file so, and the regex, tried at every character, was a tenth of reading a corpus.
 */
final class LineBreaks {

    private LineBreaks() {
    }

    /**
     * {@code text.split("\\R", -1)}: the pieces between line breaks, empty ones included, where a break is
     * {@code \r\n} or one of {@code \n}, {@code \u000B}, {@code \f}, {@code \r}, {@code \u0085}, {@code \u2028},
     * {@code \u2029} (the regex's {@code \R}, which takes {@code \r\n} whole).
     */
    static String[] split(String text) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c > '\r' && c != '\u0085' && c != '\u2028' && c != '\u2029') {
                continue; // nearly every character: one test
            }
            if (c == '\r') {
                pieces.add(text.substring(start, i));
                if (i + 1 < length && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            } else if (c == '\n' || c == '\u000B' || c == '\f' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                pieces.add(text.substring(start, i));
                start = i + 1;
            }
        }
        pieces.add(text.substring(start));
        return pieces.toArray(new String[0]);
    }
}
