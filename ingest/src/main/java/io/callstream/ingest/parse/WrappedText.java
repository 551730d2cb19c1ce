package io.callstream.ingest.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Joins lines of text that a layout hard-wrapped back into paragraphs.
 *
 * <p>Rules:
 * <ul>
 *   <li>Lines of one paragraph join with one space, except after a line that ends in a hyphen or dash right
 *       after a letter or digit ({@code year-} / {@code over-year}): line breakers break after the hyphen of a
 *       compound, and transcript vendors do not hyphenate words to wrap them, so the hyphen is kept and no space
 *       added. A dash with a space before it ({@code we will -}) is punctuation and joins with a space.</li>
 *   <li>A break the source marks (a blank line) always ends a paragraph.</li>
 *   <li>A line that ends a sentence also ends its paragraph when the next line's first word would still have
 *       fitted on it at the wrap width: a line breaker only leaves room at the end of a paragraph. A line that
 *       stops mid-sentence never ends a paragraph.</li>
 * </ul>
 * When the rules err, they split or join two paragraphs of the same speaker; no text is lost or reordered.
 */
final class WrappedText {

    /** The width of text that was never wrapped: a line ends where its paragraph does. */
    static final int UNWRAPPED = Integer.MAX_VALUE;

    private static final Pattern ENDS_SENTENCE = Pattern.compile("[.?!…][\"'”’)\\]]*$");
    private static final Pattern BROKEN_AFTER_DASH = Pattern.compile("[\\p{L}\\p{N}][-‐‑–—]+$");

    private WrappedText() {
    }

    /**
     * @param lines     the lines of running text in order, whitespace collapsed; a null element stands for a
     *                  paragraph break marked in the source
     * @param wrapWidth the column the text was wrapped at, or {@link #UNWRAPPED}
     * @return the paragraphs, none empty
     */
    static List<String> paragraphs(List<String> lines, int wrapWidth) {
        List<String> paragraphs = new ArrayList<>();
        StringBuilder paragraph = new StringBuilder();
        String previous = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line == null || line.isEmpty()) {
                flush(paragraph, paragraphs);
                previous = null;
                continue;
            }
            if (previous != null) {
                paragraph.append(BROKEN_AFTER_DASH.matcher(previous).find() ? "" : " ");
            }
            paragraph.append(line);
            previous = line;
            String next = i + 1 < lines.size() ? lines.get(i + 1) : null;
            if (next != null && !next.isEmpty() && endsParagraph(line, next, wrapWidth)) {
                flush(paragraph, paragraphs);
                previous = null;
            }
        }
        flush(paragraph, paragraphs);
        return paragraphs;
    }

    /**
     * The column {@code lines} were wrapped at, as far as they show it: the longest line that stops mid-sentence
     * and goes on in the next line; {@link #UNWRAPPED} when no line does. Only such lines are certain to have
     * been wrapped, so the estimate never exceeds the true width unless a line was too long to wrap at all.
     *
     * @param lines as for {@link #paragraphs}, nulls marking breaks
     */
    static int wrapWidth(List<String> lines) {
        int widest = 0;
        for (int i = 0; i + 1 < lines.size(); i++) {
            String line = lines.get(i);
            String next = lines.get(i + 1);
            if (line != null && !line.isEmpty() && next != null && !next.isEmpty() && !endsSentence(line)) {
                widest = Math.max(widest, line.length());
            }
        }
        return widest == 0 ? UNWRAPPED : widest;
    }

    static boolean endsSentence(String line) {
        return ENDS_SENTENCE.matcher(line).find();
    }

    private static boolean endsParagraph(String line, String next, int wrapWidth) {
        int space = next.indexOf(' ');
        int firstWord = space < 0 ? next.length() : space;
        return endsSentence(line) && (long) line.length() + 1 + firstWord <= wrapWidth;
    }

    private static void flush(StringBuilder paragraph, List<String> paragraphs) {
        if (!paragraph.isEmpty()) {
            paragraphs.add(paragraph.toString());
            paragraph.setLength(0);
        }
    }
}
