package io.callstream.ingest.parse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The layout fixtures under test resources, read byte for byte so their line endings survive. */
final class ParseFixtures {

    static final String DOUBLE_DASH = "double-dash-halvorsen-2019-q3.txt";
    static final String PARTICIPANT_LISTS = "participant-lists-brightwater-2016-q4.txt";

    /** The timed-text layout (Rev's Earnings-21 rendering), as another format's files begin. */
    static final String TIMED_TEXT = "Monro Inc fiscal Q3 earnings call - Earnings-21 file 4320211 (Consumer Goods)\n\n"
            + "Speaker 1\n(00:03) Good morning, ladies and gentlemen, and welcome to the call.\n\n"
            + "Maureen Mulholland\n(00:38) Thank you. Hello everyone, and thank you for joining us.\n\n"
            + "Speaker 1\n(01:02) Our first question comes from the line of Bret Jordan.\n";

    /** The canonical JSON Lines layout, one call event a line. */
    static final String JSON_LINES = "{\"callId\":\"tesla-2016-q4\",\"seq\":0,\"event\":{\"speakerLabel\":"
            + "\"Operator\",\"section\":\"PREPARED_REMARKS\",\"text\":\"Good day.\"}}\n"
            + "{\"callId\":\"tesla-2016-q4\",\"seq\":1,\"event\":{\"speakerLabel\":\"Elon Musk -- CEO\","
            + "\"text\":\"Thank you.\"}}\n";

    private ParseFixtures() {
    }

    static String read(String name) {
        try (InputStream in = ParseFixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("fixture missing from the test classpath: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read fixture " + name, e);
        }
    }
}
