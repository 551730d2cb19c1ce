package io.callstream.ingest.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * One physical line of a transcript, numbered from 1 as an editor shows it, its whitespace collapsed.
 *
 * <p>Runs of spaces, tabs and no-break spaces are layout, not content, in both copied web pages and exported
 * documents ({@code "Elon Musk  --  CEO"}), so they become one space and the ends are stripped; a line that held
 * only whitespace (the single-space turn separator of some exports) becomes empty.
 *
 * @param number the 1-based line number, for messages that send a user to the line
 * @param text   the line with its whitespace collapsed and stripped
 */
record SourceLine(int number, String text) {

    boolean isBlank() {
        return text.isEmpty();
    }

    /** The lines of {@code document}, whatever its line endings; a byte-order mark is not text. */
    static List<SourceLine> split(String document) {
        String body = document.startsWith("\uFEFF") ? document.substring(1) : document;
        String[] raw = LineBreaks.split(body);
        List<SourceLine> lines = new ArrayList<>(raw.length);
        for (int i = 0; i < raw.length; i++) {
            lines.add(new SourceLine(i + 1, normalize(raw[i])));
        }
        return lines;
    }

    /**
     * The lines detection may trust: all but the last, which a head cut at a fixed size may have cut short
     * (a head that ends with a line break ends with an empty last line, so nothing is lost then).
     */
    static List<SourceLine> completeLines(String head) {
        List<SourceLine> lines = split(head);
        return lines.subList(0, Math.max(0, lines.size() - 1));
    }

    static String normalize(String line) {
        return UnicodeBlanks.collapse(line);
    }
}
