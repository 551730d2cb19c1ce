package io.callstream.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.callstream.ingest.TeslaSample;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Detection of the double-dash and participant-lists layouts, against each other and every other layout. */
class LayoutDetectionTest {

    private final TranscriptFormat doubleDash = new DoubleDashTranscriptFormat();
    private final TranscriptFormat participantLists = new ParticipantListsTranscriptFormat();
    private final String doubleDashFixture = ParseFixtures.read(ParseFixtures.DOUBLE_DASH);
    private final String participantListsFixture = ParseFixtures.read(ParseFixtures.PARTICIPANT_LISTS);

    @Test
    void detectsEachLayoutInItsOwnFixture() {
        assertThat(doubleDash.detect(doubleDashFixture)).isTrue();
        assertThat(participantLists.detect(participantListsFixture)).isTrue();
    }

    @Test
    void detectsTheLayoutsFromAFewLinesOfTheirHeadings() {
        assertThat(doubleDash.detect("Some Co (SOME) Q1 2020 Earnings Call Transcript\n\nPrepared Remarks:\n"))
                .isTrue();
        assertThat(doubleDash.detect("Operator\n\nWelcome.\n\nTomas Berg -- Chief Executive Officer\n")).isTrue();
        assertThat(participantLists.detect("EDITED TRANSCRIPT\r\nCORPORATE PARTICIPANTS\r\n")).isTrue();
    }

    @Test
    void doesNotTrustAHeadingOrHeaderCutOffAtTheEndOfTheHead() {
        assertThat(doubleDash.detect("Some opening words.\n\nPrepared Remarks:")).isFalse();
        assertThat(doubleDash.detect("Some opening words.\n\nTomas Berg -- Chief Executive Officer")).isFalse();
        assertThat(participantLists.detect("EDITED TRANSCRIPT\nPRESENTATION")).isFalse();
    }

    @Test
    void neitherClaimsTheOthersFixture() {
        assertThat(doubleDash.detect(participantListsFixture)).isFalse();
        assertThat(participantLists.detect(doubleDashFixture)).isFalse();
    }

    @Test
    void neitherClaimsTheBundledVendorTranscript() {
        String tesla = TeslaSample.text();

        assertThat(doubleDash.detect(tesla)).isFalse();
        assertThat(participantLists.detect(tesla)).isFalse();
    }

    @Test
    void neitherClaimsTimedTextOrJsonLines() {
        for (String other : List.of(ParseFixtures.TIMED_TEXT, ParseFixtures.JSON_LINES)) {
            assertThat(doubleDash.detect(other)).as(other).isFalse();
            assertThat(participantLists.detect(other)).as(other).isFalse();
        }
    }

    @Test
    void registryPicksEachLayoutAheadOfTheVendorLayoutAndStillPicksTheVendorForTesla() {
        TranscriptFormats formats = TranscriptFormats.all();

        assertThat(formats.detect(doubleDashFixture)).get().extracting(TranscriptFormat::name)
                .isEqualTo("double-dash");
        assertThat(formats.detect(participantListsFixture)).get().extracting(TranscriptFormat::name)
                .isEqualTo("participant-lists");
        assertThat(formats.detect(TeslaSample.text())).get().extracting(TranscriptFormat::name)
                .isEqualTo(VendorTranscriptFormat.NAME);
        assertThat(formats.byName("Double-Dash")).isInstanceOf(DoubleDashTranscriptFormat.class);
        assertThat(formats.byName("participant-lists")).isInstanceOf(ParticipantListsTranscriptFormat.class);
    }

    @Test
    void neitherClaimsAnyRevTranscriptOrSegmentsFileInTheSharedData() throws IOException {
        Path data = Path.of(System.getProperty("callstream.shared.dir", "../shared"), "data");
        assumeTrue(Files.isDirectory(data.resolve("earnings21")),
                () -> "skipped: no shared data folder at " + data.toAbsolutePath());
        List<Path> files = new ArrayList<>();
        for (String set : List.of("earnings21", "earnings22")) {
            if (Files.isDirectory(data.resolve(set))) {
                try (Stream<Path> listed = Files.list(data.resolve(set))) {
                    listed.filter(p -> p.toString().endsWith(".txt") || p.toString().endsWith(".tsv"))
                            .forEach(files::add);
                }
            }
        }
        assertThat(files).isNotEmpty();

        for (Path file : files) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            String head = text.substring(0, Math.min(TranscriptFormats.HEAD_CHARS, text.length()));
            assertThat(doubleDash.detect(head)).as(file.getFileName().toString()).isFalse();
            assertThat(participantLists.detect(head)).as(file.getFileName().toString()).isFalse();
        }
    }
}
