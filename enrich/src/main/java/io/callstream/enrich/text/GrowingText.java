package io.callstream.enrich.text;

/** The check every incremental reader of a growing turn makes first: does this snapshot extend the last one? */
public final class GrowingText {

    private GrowingText() {
    }

    /**
     * {@code text.startsWith(previous)}. It is asked at every line of a turn, of the turn so far, and JDK 17's
     * startsWith compares a byte at a time (it showed in profiles of long turns); a copy of the prefix
     * (arraycopy) and {@link String#equals} compare many at once, several times faster.
     */
    public static boolean extendsText(String text, String previous) {
        int length = previous.length();
        return text.length() >= length
                && (text.length() == length ? text : text.substring(0, length)).equals(previous);
    }
}
