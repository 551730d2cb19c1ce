package io.callstream.ingest.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callstream.ingest.canonical.CanonicalJsonLines;
import io.callstream.ingest.canonical.LineResult;
import io.callstream.ingest.canonical.RawLine;
import io.callstream.ingest.canonical.Utf8Lines;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A request body as canonical JSON events, each good or refused with its reason; numbered by line, so a client
 * can find the line an error is about. One event ({@code application/json}) may span lines: it is line 1.
 *
 * <p>An event sent without {@code observedAt} gets the time the request was received. That is the definition of
 * {@code observedAt} for a live feed (when the system first saw the event), so a feed need not stamp times
 * itself. An explicit {@code "observedAt": null} is refused like any null in a required field: it is more likely a
 * bug in the client than a choice.
 */
final class BatchParser {

    /** The envelope field filled in when absent; named in CallEvent.avsc. */
    static final String OBSERVED_AT = "observedAt";

    private final CanonicalJsonLines lines;
    private final Utf8Lines splitter;

    BatchParser(long maxRequestBytes) {
        int maxLine = (int) Math.min(Integer.MAX_VALUE - 16, maxRequestBytes);
        this.lines = new CanonicalJsonLines(maxLine);
        this.splitter = new Utf8Lines(maxLine);
    }

    List<LineResult> parse(byte[] body, BodyKind kind, Instant receivedAt) {
        Consumer<ObjectNode> stamp = event -> {
            if (!event.has(OBSERVED_AT)) {
                event.put(OBSERVED_AT, receivedAt.toEpochMilli());
            }
        };
        List<LineResult> results = new ArrayList<>();
        if (kind == BodyKind.ONE_EVENT) {
            RawLine whole = Utf8Lines.decode(1, body);
            if (!whole.blank()) {
                results.add(lines.decode(whole, stamp));
            }
            return results;
        }
        try {
            splitter.forEach(new ByteArrayInputStream(body), line -> {
                if (!line.blank()) {
                    results.add(lines.decode(line, stamp));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("A byte array cannot fail to read", e);
        }
        return results;
    }
}
