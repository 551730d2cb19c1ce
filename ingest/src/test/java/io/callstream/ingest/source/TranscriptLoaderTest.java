package io.callstream.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import io.callstream.avro.CallStarted;
import io.callstream.ingest.TeslaSample;
import io.callstream.ingest.parse.TranscriptFormats;
import org.junit.jupiter.api.Test;

class TranscriptLoaderTest {

    private final TranscriptLoader detecting = new TranscriptLoader(TranscriptFormats.all(), null);

    @Test
    void namesTheCallAfterTheFileAndKeepsTheLayoutItDetected() {
        LoadedCall call = detecting.load(TeslaSample.text(), "calls/Tesla_Q4-2016.txt", "file:calls/Tesla_Q4-2016.txt",
                CallOverrides.NONE);

        assertThat(call.callId()).isEqualTo("tesla-q4-2016");
        assertThat(call.format()).isEqualTo("vendor");
        CallStarted started = (CallStarted) call.events().get(0).getPayload();
        // The speakers' shared affiliation names the company, not the file.
        assertThat(started.getCompany()).isEqualTo("Tesla, Inc.");
        assertThat(started.getCompanySource()).isEqualTo("affiliations");
        assertThat(started.getSource()).isEqualTo("file:calls/Tesla_Q4-2016.txt");
    }

    @Test
    void flagsWinOverWhatTheFileSays() {
        Instant start = Instant.parse("2017-02-22T22:30:00Z");
        LoadedCall call = detecting.load(TeslaSample.text(), "t.txt", "file:t.txt",
                new CallOverrides("tsla-q4", "Tesla, Inc.", "TSLA", "2016-Q4", start));

        CallStarted started = (CallStarted) call.events().get(0).getPayload();
        assertThat(call.callId()).isEqualTo("tsla-q4");
        assertThat(started.getCompany()).isEqualTo("Tesla, Inc.");
        assertThat(started.getTicker()).isEqualTo("TSLA");
        assertThat(started.getFiscalPeriod()).isEqualTo("2016-Q4");
        assertThat(call.events().get(0).getObservedAt()).isEqualTo(start);
    }

    @Test
    void anUnknownLayoutIsAnErrorThatSaysWhatToDo() {
        assertThatThrownBy(() -> detecting.load("just some words\nwith no speakers\n", "notes.txt", "file:notes.txt",
                CallOverrides.NONE))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("notes.txt: unknown transcript layout")
                .hasMessageContaining("--format");
    }

    @Test
    void aForcedFormatWithATypoFailsAtOnce() {
        assertThatThrownBy(() -> new TranscriptLoader(TranscriptFormats.all(), "vendr"))
                .hasMessageContaining("Unknown format 'vendr'");
    }

    @Test
    void slugsFileNamesIntoCallIds() {
        assertThat(TranscriptLoader.slug(TranscriptLoader.stem("earnings21/4320211_Monro-Inc.segments.tsv")))
                .isEqualTo("4320211-monro-inc-segments");
        assertThat(TranscriptLoader.slug(TranscriptLoader.stem("/x/4320211_Monro-Inc.txt"))).isEqualTo("4320211-monro-inc");
    }
}
