package io.callstream.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A corpus read on several threads is the corpus read on one: the same calls, events and skips, in file order. */
class CorpusReaderTest {

    private static final Path TESLA = Path.of("..", "ingest", "src", "main", "resources", "io", "callstream",
            "ingest", "sample", "tesla-2016-q4-earnings-call.txt");

    @TempDir
    Path dir;

    @Test
    void readsTheSameCorpusOnSeveralThreadsAsOnOne() throws Exception {
        Path corpus = Files.createDirectories(dir.resolve("corpus"));
        Files.copy(TESLA, corpus.resolve("a-tesla.txt"));
        Files.copy(TESLA, corpus.resolve("b-tesla.txt"));
        Files.createDirectories(corpus.resolve("sub"));
        Files.copy(TESLA, corpus.resolve("sub").resolve("a-tesla.txt")); // the same call id as a-tesla.txt
        Files.write(corpus.resolve("c-not-a-transcript.txt"), new byte[] {0, 1, 2, 'x'});
        // Real calls where the shared data is beside the project; the test stands on the Tesla copies without them.
        Path data = Path.of(System.getProperty("callstream.shared.dir", "../../shared"), "data", "earnings21");
        if (Files.isDirectory(data)) {
            try (var files = Files.list(data)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".txt")).sorted().limit(6).toList()) {
                    Files.copy(file, corpus.resolve(file.getFileName()));
                }
            }
        }
        CorpusFiles files = CorpusFiles.find(corpus);

        Corpus alone = new CorpusReader(null).read(files);
        Corpus together = new CorpusReader(null, 3).read(files);

        assertThat(together.calls()).extracting(CorpusCall::file)
                .containsExactlyElementsOf(alone.calls().stream().map(CorpusCall::file).toList());
        for (int i = 0; i < alone.calls().size(); i++) {
            assertThat(together.calls().get(i).call().events()).isEqualTo(alone.calls().get(i).call().events());
        }
        assertThat(together.skipped()).containsExactlyElementsOf(alone.skipped());
        assertThat(alone.calls()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(alone.skipped()).extracting(Corpus.Skipped::reason)
                .anyMatch(reason -> reason.contains("also the call id of"))
                .hasSizeGreaterThanOrEqualTo(2);
        assertThat(List.of(alone, together)).allMatch(read -> read.skipped().stream()
                .anyMatch(s -> s.file().getFileName().toString().equals("c-not-a-transcript.txt")));
    }
}
