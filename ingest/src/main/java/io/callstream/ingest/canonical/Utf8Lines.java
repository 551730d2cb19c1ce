package io.callstream.ingest.canonical;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Splits a byte stream into lines on LF (a CR before it is dropped) and decodes each strictly as UTF-8.
 *
 * <p>Per line, not per stream, because one bad line must not cost the good ones around it. Strict, because a
 * replacement character (U+FFFD) put in silently would put a wrong word into a transcript that nobody could trace
 * back; a malformed line is reported instead, with the offset of the first bad byte. A line longer than the limit
 * is reported as such without being held in memory beyond the limit. A UTF-8 byte order mark before the first
 * line is skipped, as editors on some systems write one.
 */
public final class Utf8Lines {

    private static final int CHUNK = 64 * 1024;
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final int maxLineBytes;

    public Utf8Lines(int maxLineBytes) {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be at least 1, got " + maxLineBytes);
        }
        this.maxLineBytes = maxLineBytes;
    }

    /** Hands every line of {@code in} to {@code each}, in order, blank ones included (they keep the numbering). */
    public void forEach(InputStream in, Consumer<RawLine> each) throws IOException {
        LineBuffer line = new LineBuffer();
        int number = 1;
        byte[] chunk = new byte[CHUNK];
        int read;
        while ((read = in.read(chunk)) != -1) {
            int start = 0;
            for (int i = 0; i < read; i++) {
                if (chunk[i] == '\n') {
                    line.append(chunk, start, i - start);
                    each.accept(line.finish(number++));
                    start = i + 1;
                }
            }
            line.append(chunk, start, read - start);
        }
        if (line.length > 0) {
            each.accept(line.finish(number));
        }
    }

    /**
     * The line being read: at most the limit plus one byte (room for the CR of a CRLF) is held; beyond that only
     * the length is counted.
     */
    private final class LineBuffer {
        private final ByteArrayOutputStream held = new ByteArrayOutputStream();
        private long length;
        private byte last;

        void append(byte[] chunk, int from, int count) {
            if (count == 0) {
                return;
            }
            long room = Math.max(0, (long) maxLineBytes + 1 - length);
            held.write(chunk, from, (int) Math.min(room, count));
            length += count;
            last = chunk[from + count - 1];
        }

        RawLine finish(int number) {
            byte[] bytes = held.toByteArray();
            long content = length - (last == '\r' ? 1 : 0);
            held.reset();
            length = 0;
            last = 0;
            if (content > maxLineBytes) {
                return new RawLine(number, Arrays.copyOf(bytes, maxLineBytes), null, "line is longer than the"
                        + " limit of " + maxLineBytes + " bytes (" + content + " bytes); split it or raise the limit.");
            }
            bytes = Arrays.copyOf(bytes, (int) content);
            if (number == 1 && bytes.length >= BOM.length && Arrays.equals(bytes, 0, BOM.length, BOM, 0, BOM.length)) {
                bytes = Arrays.copyOfRange(bytes, BOM.length, bytes.length);
            }
            return decode(number, bytes);
        }
    }

    /** A line already split off, decoded strictly. */
    public static RawLine decode(int number, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            return new RawLine(number, bytes, decoder.decode(in).toString(), null);
        } catch (CharacterCodingException e) {
            return new RawLine(number, bytes, null, "not valid UTF-8 (malformed byte at offset " + in.position()
                    + " of the line); send the text encoded as UTF-8.");
        }
    }
}
