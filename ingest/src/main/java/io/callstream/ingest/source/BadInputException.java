package io.callstream.ingest.source;

/** Input that cannot become call events, with a message that names the input, the place and what to do. */
public final class BadInputException extends RuntimeException {

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
