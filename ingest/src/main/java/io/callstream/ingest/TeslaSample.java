package io.callstream.ingest;

import io.callstream.avro.CallEvent;
import io.callstream.ingest.events.CallEventFactory;
import io.callstream.ingest.events.CallMetadata;
import io.callstream.ingest.parse.ParsedTranscript;
import io.callstream.ingest.parse.VendorTranscriptFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * The call the project ships with: Tesla's Q4 2016 earnings call (22 February 2017, 2:30 pm Pacific),
 * in the vendor layout, from the close of the prepared remarks through the whole Q&amp;A.
 */
public final class TeslaSample {

    /** Classpath location of the transcript. */
    public static final String RESOURCE = "/io/callstream/ingest/sample/tesla-2016-q4-earnings-call.txt";

    public static final CallMetadata METADATA = new CallMetadata(
            "tesla-2016-q4",
            "Tesla, Inc.",
            "TSLA",
            "2016-Q4",
            Instant.parse("2017-02-22T22:30:00Z"),
            "sample:tesla-2016-q4-earnings-call.txt",
            "Tesla Q4 2016 earnings call");

    private TeslaSample() {
    }

    /** The transcript as the vendor delivered it. */
    public static String text() {
        try (InputStream in = TeslaSample.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("bundled sample missing from the classpath: " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled sample " + RESOURCE, e);
        }
    }

    public static ParsedTranscript transcript() {
        return new VendorTranscriptFormat().parse(text());
    }

    /** The call's events, in order, as ingest publishes them. */
    public static List<CallEvent> events() {
        return CallEventFactory.events(METADATA, transcript());
    }
}
