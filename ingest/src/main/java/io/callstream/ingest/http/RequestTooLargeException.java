package io.callstream.ingest.http;

/** A request body over the size limit; answered 413. No stack trace: it is an answer, not a fault. */
final class RequestTooLargeException extends Exception {

    RequestTooLargeException(String message) {
        super(message, null, false, false);
    }
}
