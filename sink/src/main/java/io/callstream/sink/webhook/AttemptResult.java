package io.callstream.sink.webhook;

import java.io.IOException;

/**
 * What one HTTP attempt came to: a status, or the exception that stopped it (time-out, refused connection).
 * Worth another try: 5xx, 429, time-outs and I/O errors. Not worth one: other 4xx (the receiver refuses this
 * request as it is, a bad signature included) and 3xx (redirects are not followed: a moved endpoint is configuration).
 */
public record AttemptResult(int status, Exception error) {

    public static AttemptResult status(int status) {
        return new AttemptResult(status, null);
    }

    public static AttemptResult error(Exception error) {
        return new AttemptResult(0, error);
    }

    public boolean delivered() {
        return error == null && status >= 200 && status < 300;
    }

    public boolean retryable() {
        return error instanceof IOException || status >= 500 || status == 429;
    }

    public String describe() {
        if (error != null) {
            return error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
        }
        return "HTTP " + status;
    }
}
