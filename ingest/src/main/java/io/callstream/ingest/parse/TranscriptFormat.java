package io.callstream.ingest.parse;

/** One layout of transcript text (a vendor's, a benchmark's), recognised and parsed into lines. */
public interface TranscriptFormat {

    /** A short stable name, usable on the command line ("vendor"). */
    String name();

    /**
     * Whether a transcript that begins with {@code head} is in this layout. {@code head} may be cut
     * anywhere, so a format should not rely on the last, possibly partial, line.
     */
    boolean detect(String head);

    /** Parses a whole transcript in this layout. */
    ParsedTranscript parse(String text);
}
