package io.callstream.enrich.alerts;

/** A rules file that cannot be loaded: which file, which line (1-based, 0 when unknown) and why. */
public final class RulesFileException extends RuntimeException {

    private final String source;
    private final int line;
    private final String reason;

    public RulesFileException(String source, int line, String reason) {
        super(source + (line > 0 ? ":" + line : "") + ": " + reason);
        this.source = source;
        this.line = line;
        this.reason = reason;
    }

    public String source() {
        return source;
    }

    public int line() {
        return line;
    }

    public String reason() {
        return reason;
    }
}
