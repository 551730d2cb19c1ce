package io.callstream.enrich.tags;

/**
 * A taxonomy file that cannot be used, with the file, the line and the reason: {@code general.taxonomy:12: ...}.
 * Thrown while loading, so a bad file stops start-up before anything reaches the topology.
 */
public final class TaxonomyException extends RuntimeException {

    private final String file;
    private final int line;
    private final String reason;

    public TaxonomyException(String file, int line, String reason) {
        super(file + ":" + line + ": " + reason);
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    /** The file (or classpath resource) the error is in. */
    public String file() {
        return file;
    }

    /** The line of the error, counting from 1. */
    public int line() {
        return line;
    }

    /** What is wrong, and where it helps, what to write instead. */
    public String reason() {
        return reason;
    }
}
