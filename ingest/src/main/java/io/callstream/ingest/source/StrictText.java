package io.callstream.ingest.source;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Bytes to text, refusing what is not a transcript: binary data and invalid UTF-8 are errors, never silently
 * replaced with U+FFFD (a replaced character would change what the speaker said).
 */
public final class StrictText {

    private StrictText() {
    }

    /**
     * @param where names the input in error messages ("file tesla.txt", "stdin")
     * @throws BadInputException when the bytes are empty, binary or not UTF-8
     */
    public static String decode(byte[] bytes, String where) {
        if (bytes.length == 0) {
            throw new BadInputException(where + " is empty: there is no transcript to read.");
        }
        for (int i = 0; i < Math.min(bytes.length, 8192); i++) {
            if (bytes[i] == 0) {
                throw new BadInputException(where + " looks binary (a NUL byte at offset " + i
                        + "): give a transcript as UTF-8 text.");
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            String text = decoder.decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text; // a BOM is an encoding mark, not speech
        } catch (CharacterCodingException e) {
            throw new BadInputException(where + " is not valid UTF-8 near line " + lineAt(bytes, firstBadByte(bytes))
                    + ": convert it to UTF-8 (e.g. iconv -f WINDOWS-1252 -t UTF-8) and try again.");
        }
    }

    /**
     * Refuses a line longer than {@code maxChars}: no transcript line is that long, so it is a file of another
     * kind (minified JSON, a database dump), and holding it whole would cost memory for nothing.
     */
    public static void requireLinesWithin(String text, int maxChars, String where) {
        int line = 1;
        int start = 0;
        while (true) {
            int end = text.indexOf('\n', start); // a scan of its own, far cheaper than a charAt per character
            int stop = end < 0 ? text.length() : end;
            if (stop - start > maxChars) {
                throw new BadInputException(where + " line " + line + " is " + (stop - start)
                        + " characters long, over the limit of " + maxChars + ": is it a transcript?");
            }
            if (end < 0) {
                return;
            }
            line++;
            start = end + 1;
        }
    }

    private static int firstBadByte(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
        var result = decoder.decode(in, out, true);
        return result.isError() ? in.position() : bytes.length;
    }

    private static int lineAt(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }
}
