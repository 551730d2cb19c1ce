package io.callstream.ingest.parse;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.Executable;

/**
 * The Earnings-21/22 calls in the shared data folder, read in place: they are CC BY-SA and must not be copied
 * into the project. The folder is {@code callstream.shared.dir} (the parent pom sets it), else {@code ../shared}
 * beside the repository root.
 */
final class SharedTranscripts {

    static final List<String> SETS = List.of("earnings21", "earnings22");

    private SharedTranscripts() {
    }

    /**
     * One dynamic test per file of both sets whose name ends with {@code suffix}, named by the file; when there is
     * none, a single test that is skipped with a message saying what is missing. (An assumption failing in the
     * factory itself would abort it without a trace in Surefire's report.)
     */
    static Stream<DynamicTest> eachFile(String suffix, Function<Path, Executable> test) {
        List<Path> files = files(suffix);
        if (files.isEmpty()) {
            Path data = dataDir();
            return Stream.of(DynamicTest.dynamicTest("shared data", () -> assumeTrue(false,
                    "skipped: no *" + suffix + " files under " + data.toAbsolutePath() + "/{" + String.join(",", SETS)
                            + "}; set -Dcallstream.shared.dir to the shared folder to run")));
        }
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), test.apply(file)));
    }

    /** Every file of both sets whose name ends with {@code suffix}, by name. */
    static List<Path> files(String suffix) {
        Path data = dataDir();
        List<Path> found = new ArrayList<>();
        for (String set : SETS) {
            Path dir = data.resolve(set);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().forEach(found::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return found;
    }

    static Path dataDir() {
        String configured = System.getProperty("callstream.shared.dir");
        Path shared = configured != null ? Path.of(configured) : repoRoot().resolveSibling("shared");
        return shared.resolve("data").normalize();
    }

    /** The nearest folder up from the working directory that holds the ingest module. */
    private static Path repoRoot() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("ingest/pom.xml"))) {
                return dir;
            }
        }
        return start;
    }
}
