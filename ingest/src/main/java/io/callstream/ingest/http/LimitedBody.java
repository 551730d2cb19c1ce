package io.callstream.ingest.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body up to a limit. A declared {@code Content-Length} over the limit is refused before a byte
 * of the body is read; a body without one (chunked) is refused as soon as it passes the limit. Either way no more
 * than the limit (plus one read buffer) is ever held, so an oversized request costs the limit in memory, not its
 * size. What is left of a refused body may then be read and dropped ({@link #discard}), within the request timeout.
 */
final class LimitedBody {

    private static final int BUFFER = 16 * 1024;

    private LimitedBody() {
    }

    /** @param contentLength the request's {@code Content-Length} header, or null when it has none */
    static byte[] read(InputStream body, String contentLength, long limit) throws IOException,
            RequestTooLargeException {
        if (contentLength != null) {
            long declared = parseLength(contentLength);
            if (declared > limit) {
                throw tooLarge(limit, declared + " bytes declared");
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[BUFFER];
        long total = 0;
        int read;
        while ((read = body.read(buffer)) != -1) {
            total += read;
            if (total > limit) {
                throw tooLarge(limit, "more than that sent");
            }
            out.write(buffer, 0, read);
        }
        return out.toByteArray();
    }

    /**
     * How much of a body to read and drop after answering ({@link #discard}): up to {@code most}, or nothing where
     * the declared {@code Content-Length} is over that already, since the connection then closes with bytes unread
     * whatever is read first.
     */
    static long discardable(String contentLength, long most) {
        return contentLength != null && parseLength(contentLength) > most ? 0 : most;
    }

    /**
     * Reads and drops what is left of a refused body, up to {@code max} bytes (nothing where it was read to its
     * end); a read that fails (the client gone, the request timed out) ends it quietly, as the connection is closing
     * anyway.
     */
    static void discard(InputStream body, long max) {
        byte[] buffer = new byte[BUFFER];
        long total = 0;
        try {
            int read;
            while (total < max && (read = body.read(buffer, 0, (int) Math.min(buffer.length, max - total))) != -1) {
                total += read;
            }
        } catch (IOException e) {
            // nothing to tell: the answer is sent, and the connection is being closed
        }
    }

    private static long parseLength(String header) {
        try {
            return Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            // The JDK server refuses a malformed Content-Length before a handler runs; stay on the safe side.
            return Long.MAX_VALUE;
        }
    }

    private static RequestTooLargeException tooLarge(long limit, String what) {
        return new RequestTooLargeException("The request body is larger than the limit of " + limit + " bytes ("
                + what + "); split the batch into smaller requests.");
    }
}
