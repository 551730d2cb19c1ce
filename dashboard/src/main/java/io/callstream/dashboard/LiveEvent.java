package io.callstream.dashboard;

import java.util.Objects;

/**
 * One change to what the dashboard shows, as it goes out on a server-sent event stream.
 *
 * @param id   increasing within its log (a call's, or the global one); what a client resumes after
 * @param type {@code call}, {@code turn}, {@code exchange} or {@code alert}
 * @param data the item's JSON, the same shape as the item in the REST API; rendered once, sent to every client
 */
public record LiveEvent(long id, String type, String data) {

    public static final String CALL = "call";
    public static final String TURN = "turn";
    public static final String EXCHANGE = "exchange";
    public static final String ALERT = "alert";

    public LiveEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
    }
}
