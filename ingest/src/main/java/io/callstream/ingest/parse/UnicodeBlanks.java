package io.callstream.ingest.parse;

import java.util.regex.Pattern;

/**
 * Runs of Unicode white space made one space, and the ends stripped: {@code \s+} with
 * {@link Pattern#UNICODE_CHARACTER_CLASS} replaced by a space, then {@link String#strip}, as the layouts clean every
 * line and paragraph. Most already have single spaces only, and the regex, tried at every character, was the largest
 * part of reading a timed-text file: it runs only where it changes something.
 */
final class UnicodeBlanks {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

    private UnicodeBlanks() {
    }

    /** {@code WHITESPACE.matcher(text).replaceAll(" ").strip()}. */
    static String collapse(CharSequence text) {
        return onlySingleSpaces(text) ? text.toString().strip() : WHITESPACE.matcher(text).replaceAll(" ").strip();
    }

    /** Whether every white space character of {@code text} is a space standing alone: the regex changes nothing. */
    static boolean onlySingleSpaces(CharSequence text) {
        boolean afterSpace = false;
        for (int i = 0, length = text.length(); i < length; i++) {
            char c = text.charAt(i);
            if (c > ' ' && c < '\u0085') {
                afterSpace = false; // nearly every character: one test
            } else if (c == ' ') {
                if (afterSpace) {
                    return false;
                }
                afterSpace = true;
            } else if (isWhiteSpace(c)) {
                return false;
            } else {
                afterSpace = false;
            }
        }
        return true;
    }

    /**
     * Whether {@code c} is white space to {@code \s} under {@link Pattern#UNICODE_CHARACTER_CLASS}: the Unicode
     * White_Space property, as the JDK decides it (the separators of the three SEPARATOR types, the controls
     * U+0009 to U+000D, and U+0085). No character outside the Basic Multilingual Plane has it, so a surrogate is none.
     */
    static boolean isWhiteSpace(char c) {
        int separators = (1 << Character.SPACE_SEPARATOR) | (1 << Character.LINE_SEPARATOR)
                | (1 << Character.PARAGRAPH_SEPARATOR);
        return (separators >> Character.getType(c) & 1) != 0 || c >= '\t' && c <= '\r' || c == '\u0085';
    }
}
