package io.callstream.ingest.parse;

/**
 * Counts words the way the call clock does: a word is a run of non-space characters holding a letter
 * or a digit, so a lone dash or comma, which takes no time to say, does not move the clock.
 */
final class Words {

    private Words() {
    }

    static int count(CharSequence text) {
        int count = 0;
        boolean inToken = false;
        boolean tokenHasWordChar = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                if (inToken && tokenHasWordChar) {
                    count++;
                }
                inToken = false;
                tokenHasWordChar = false;
            } else {
                inToken = true;
                tokenHasWordChar |= Character.isLetterOrDigit(c);
            }
        }
        return inToken && tokenHasWordChar ? count + 1 : count;
    }
}
