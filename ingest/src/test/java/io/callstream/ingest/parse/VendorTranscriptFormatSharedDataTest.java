package io.callstream.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Detection against the other layouts in the shared data folder (Rev's Earnings-21/22 renderings),
 * read in place: they are CC BY-SA and must not be copied into the project.
 */
class VendorTranscriptFormatSharedDataTest {

    private static final int HEAD_CHARS = 8_192;

    @Test
    void doesNotTakeRevTranscriptsForVendorOnes() throws IOException {
        Path data = Path.of(System.getProperty("callstream.shared.dir", "../shared"), "data");
        assumeTrue(Files.isDirectory(data.resolve("earnings21")),
                () -> "skipped: no shared data folder at " + data.toAbsolutePath());
        List<Path> transcripts = new ArrayList<>();
        for (String set : List.of("earnings21", "earnings22")) {
            if (Files.isDirectory(data.resolve(set))) {
                try (Stream<Path> files = Files.list(data.resolve(set))) {
                    files.filter(p -> p.toString().endsWith(".txt")).forEach(transcripts::add);
                }
            }
        }
        assertThat(transcripts).isNotEmpty();

        VendorTranscriptFormat format = new VendorTranscriptFormat();
        for (Path transcript : transcripts) {
            String text = Files.readString(transcript, StandardCharsets.UTF_8);
            assertThat(format.detect(text.substring(0, Math.min(HEAD_CHARS, text.length()))))
                    .as(transcript.getFileName().toString()).isFalse();
        }
    }
}
