package io.callstream.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.ingest.TeslaSample;
import org.junit.jupiter.api.Test;

/** Which layout the registry picks for the timed formats, where another layout's rule could also match. */
class TimedFormatsDetectionTest {

    private final TranscriptFormats formats = TranscriptFormats.all();

    @Test
    void picksTimedTextOverTheVendorLayoutForATitleShapedLikeAVendorHeader() {
        String transcript = "Acme Corp Earnings Call - Q3 2021\n\nSpeaker 1\n(00:03) Good morning.\n(00:09) Welcome.\n";

        assertThat(new VendorTranscriptFormat().detect(transcript)).as("the vendor rule alone").isTrue();
        assertThat(formats.detect(transcript)).containsInstanceOf(TimedTextFormat.class);
    }

    @Test
    void picksSegmentsForATsvHeaderAndForSegmentObjects() {
        assertThat(formats.detect("speaker_label\tstart_s\tend_s\ttext\nSpeaker 1\t1.0\t2.0\tHi.\n"))
                .containsInstanceOf(SegmentsFormat.class);
        assertThat(formats.detect("{\"speaker_label\":\"A\",\"start_s\":1,\"end_s\":2,\"text\":\"x\"}\n"))
                .containsInstanceOf(SegmentsFormat.class);
    }

    @Test
    void leavesTheBundledCallToTheVendorLayout() {
        assertThat(formats.detect(TeslaSample.text())).containsInstanceOf(VendorTranscriptFormat.class);
    }

    @Test
    void leavesCanonicalCallEventsToOtherFormats() {
        assertThat(formats.detect("{\"callId\":\"c\",\"callOffsetMs\":0,\"observedAt\":0,\"payload\":{}}\n")
                .filter(f -> f instanceof SegmentsFormat || f instanceof TimedTextFormat)).isEmpty();
    }

    @Test
    void namesBothFormatsForTheCommandLine() {
        assertThat(formats.byName("timed-text")).isInstanceOf(TimedTextFormat.class);
        assertThat(formats.byName("segments")).isInstanceOf(SegmentsFormat.class);
    }
}
