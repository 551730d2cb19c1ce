package io.callstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.avro.CallEnded;
import io.callstream.avro.CallEvent;
import io.callstream.avro.CallStarted;
import io.callstream.avro.TranscriptLine;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TeslaSampleTest {

    @Test
    void describesTheTeslaCall() {
        assertThat(TeslaSample.METADATA.callId()).isEqualTo("tesla-2016-q4");
        assertThat(TeslaSample.METADATA.company()).isEqualTo("Tesla, Inc.");
        assertThat(TeslaSample.METADATA.ticker()).isEqualTo("TSLA");
        assertThat(TeslaSample.METADATA.fiscalPeriod()).isEqualTo("2016-Q4");
        assertThat(TeslaSample.METADATA.scheduledStart()).isEqualTo(Instant.parse("2017-02-22T22:30:00Z"));
        assertThat(TeslaSample.METADATA.source()).isEqualTo("sample:tesla-2016-q4-earnings-call.txt");
        assertThat(TeslaSample.METADATA.title()).isEqualTo("Tesla Q4 2016 earnings call");
    }

    @Test
    void loadsTheBundledTranscriptFromTheClasspath() {
        assertThat(TeslaSample.text()).startsWith("Thank you. First of all").hasSizeGreaterThan(60_000);
    }

    @Test
    void turnsTheCallIntoStartedLinesAndEnded() {
        List<CallEvent> events = TeslaSample.events();

        assertThat(events).hasSize(1 + 223 + 1);
        assertThat(events.get(0).getPayload()).isInstanceOf(CallStarted.class);
        assertThat(events.get(0).getObservedAt()).isEqualTo(Instant.parse("2017-02-22T22:30:00Z"));
        assertThat(events.subList(1, 224)).extracting(CallEvent::getPayload).allMatch(TranscriptLine.class::isInstance);
        assertThat(((CallEnded) events.get(224).getPayload()).getLineCount()).isEqualTo(223);
        assertThat(events).extracting(CallEvent::getObservedAt).isSorted();
        assertThat(events.subList(1, 224)).extracting(e -> ((TranscriptLine) e.getPayload()).getLineId())
                .doesNotHaveDuplicates().startsWith("tesla-2016-q4-L00000").endsWith("tesla-2016-q4-L00222");
    }
}
