package io.callstream.ingest.http;

/**
 * An event {@link IngestProducer} would not send because its text breaks
 * {@link io.callstream.schemas.limits.EventText}'s rule; the message is the rule's reason. Resending it unchanged
 * cannot help.
 */
public final class RefusedTextException extends RuntimeException {

    public RefusedTextException(String reason) {
        super(reason);
    }
}
