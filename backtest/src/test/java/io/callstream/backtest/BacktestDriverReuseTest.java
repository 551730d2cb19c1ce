package io.callstream.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.callstream.avro.Alert;
import io.callstream.avro.CallEvent;
import io.callstream.avro.TranscriptLine;
import io.callstream.backtest.inprocess.InProcessEnrich;
import io.callstream.enrich.EnrichOptions;
import io.callstream.enrich.EnrichOutputs;
import io.callstream.ingest.parse.TranscriptFormats;
import io.callstream.ingest.source.CallFileReader;
import io.callstream.ingest.source.CallOverrides;
import io.callstream.ingest.source.LoadedCall;
import org.junit.jupiter.api.Test;

/**
 * A driver that serves call after call ({@link ReusedEnrich}) must give each call exactly what a fresh driver gives
 * it alone: every turn, enriched turn, exchange, alert (but its wall-clock {@code emittedAt}) and dead letter.
 */
class BacktestDriverReuseTest {

    private static final Path TESLA = Path.of("..", "ingest", "src", "main", "resources", "io", "callstream",
            "ingest", "sample", "tesla-2016-q4-earnings-call.txt");
    private static final String SHORT_CALL = """
            start_s\tend_s\tspeaker_label\ttext
            0.0\t4.0\tOperator\tGood morning, and welcome to the call.
            4.5\t9.0\tJane Doe\tThank you. We expect revenue of $2 billion next year.
            9.5\t12.0\tJane Doe\tWe plan to raise capital through an equity offering.
            """;

    private final EnrichOptions options = EnrichOptions.defaults();

    @Test
    void aCallAfterALaterDatedCallGetsWhatItGetsAlone() throws Exception {
        // The first call is dated 2025, so the driver's stream time is years ahead of the 2017 Tesla call's records.
        LoadedCall later = shortCall("dated-2025", Instant.parse("2025-06-01T12:00:00Z"));
        LoadedCall tesla = read(java.nio.file.Files.readAllBytes(TESLA), TESLA.toString(), CallOverrides.NONE);

        EnrichOutputs reused;
        try (ReusedEnrich enrich = new ReusedEnrich(options)) {
            enrich.run(later.callId(), later.events());
            reused = enrich.run(tesla.callId(), tesla.events());
            assertThat(enrich.driversStarted()).as("one driver served both calls").isEqualTo(1);
        }

        assertThat(comparable(reused)).isEqualTo(comparable(alone(tesla)));
        assertThat(reused.alerts()).isNotEmpty();
        assertThat(reused.turns()).hasSizeGreaterThan(187);
    }

    @Test
    void aCallWithDeadLettersOnAUsedDriverIsRunAgainOnAFreshOne() throws Exception {
        LoadedCall first = shortCall("first", null);
        LoadedCall second = shortCall("second", null);
        // A line repeated after the call's end is dead-lettered, with its offset on the driver's input topic.
        List<CallEvent> events = new ArrayList<>(second.events());
        CallEvent aLine = events.stream().filter(e -> e.getPayload() instanceof TranscriptLine).findFirst().orElseThrow();
        events.add(CallEvent.newBuilder(aLine).build());
        LoadedCall lateLine = new LoadedCall(second.callId(), second.source(), second.format(), events);

        try (ReusedEnrich enrich = new ReusedEnrich(options)) {
            enrich.run(first.callId(), first.events());
            EnrichOutputs reused = enrich.run(lateLine.callId(), lateLine.events());

            assertThat(reused.deadLetters()).hasSize(1);
            assertThat(comparable(reused)).isEqualTo(comparable(alone(lateLine)));
            assertThat(enrich.driversStarted()).as("the used driver, then a fresh one for the second call").isEqualTo(2);
            enrich.run(shortCall("third", null).callId(), shortCall("third", null).events());
            assertThat(enrich.driversStarted()).as("the fresh one served that call alone").isEqualTo(3);
        }
    }

    @Test
    void theSameCallIdTwiceGetsAFreshDriverRatherThanTheEndedCallsMarker() throws Exception {
        LoadedCall call = shortCall("again", null);

        try (ReusedEnrich enrich = new ReusedEnrich(options)) {
            EnrichOutputs first = enrich.run(call.callId(), call.events());
            EnrichOutputs second = enrich.run(call.callId(), call.events());

            assertThat(second.deadLetters()).isEmpty();
            assertThat(comparable(second)).isEqualTo(comparable(first));
            assertThat(enrich.driversStarted()).isEqualTo(2);
        }
    }

    @Test
    void aDriverServesNoMoreCallsThanAllowedAndAFreshOneGivesTheSameOutputs() {
        LoadedCall first = shortCall("one", null);
        LoadedCall second = shortCall("two", null);
        LoadedCall third = shortCall("three", null);

        try (ReusedEnrich enrich = new ReusedEnrich(options, 2)) {
            enrich.run(first.callId(), first.events());
            enrich.run(second.callId(), second.events());
            EnrichOutputs onAFreshDriver = enrich.run(third.callId(), third.events());

            assertThat(enrich.driversStarted()).isEqualTo(2);
            assertThat(comparable(onAFreshDriver)).isEqualTo(comparable(alone(third)));
        }
    }

    private EnrichOutputs alone(LoadedCall call) {
        try (InProcessEnrich fresh = InProcessEnrich.start(options)) {
            return fresh.run(call.events());
        }
    }

    /** The outputs but alerts' emittedAt, the one wall-clock value in them. */
    private static List<Object> comparable(EnrichOutputs outputs) {
        List<Alert> alerts = outputs.alerts().stream().map(a -> Alert.newBuilder(a).setEmittedAt(null).build()).toList();
        return List.of(outputs.turns(), outputs.enrichedTurns(), outputs.exchanges(), alerts, outputs.deadLetters());
    }

    private static LoadedCall shortCall(String callId, Instant start) {
        return read(SHORT_CALL.getBytes(StandardCharsets.UTF_8), callId + ".segments.tsv",
                new CallOverrides(callId, "Example Corp", null, null, start));
    }

    private static LoadedCall read(byte[] bytes, String name, CallOverrides overrides) {
        return new CallFileReader(TranscriptFormats.all(), null).read(bytes, name, "file:" + name, overrides)
                .calls().get(0);
    }
}
