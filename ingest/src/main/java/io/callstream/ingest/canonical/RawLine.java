package io.callstream.ingest.canonical;

/**
 * One line of input as received: its number (from 1), its bytes (without the line break), and either its text,
 * decoded, or why it could not be decoded. The bytes are kept so that a refused line can go to the dead-letter
 * topic exactly as it came.
 *
 * @param bytes   the line's bytes; for a line over the length limit, only its first {@code limit} bytes
 * @param text    the decoded text, or null when {@code problem} is set
 * @param problem why the line is unreadable (not UTF-8, too long), or null
 */
public record RawLine(int number, byte[] bytes, String text, String problem) {

    public boolean readable() {
        return problem == null;
    }

    /** Empty or only white space: a separator, not an event (a trailing newline makes one). */
    public boolean blank() {
        return problem == null && text.isBlank();
    }
}
