package io.callstream.ingest.canonical;

/**
 * Why a JSON text is not a canonical record: where ({@link #path()}, e.g. {@code payload.TranscriptLine.seq}) and
 * what is wrong and what to do ({@link #problem()}). An answer to bad input, not a fault: no stack trace.
 */
public final class CanonicalJsonException extends Exception {

    private final String path;
    private final String problem;

    CanonicalJsonException(FieldPath path, String problem) {
        super(path.isRoot() ? problem : path + ": " + problem, null, false, false);
        this.path = path.toString();
        this.problem = problem;
    }

    /** The field the problem is in, in dotted form with array indexes; empty for the whole record. */
    public String path() {
        return path;
    }

    /** What is wrong, and what to do about it, without the path. */
    public String problem() {
        return problem;
    }
}
