package io.callstream.deploy.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.callstream.ingest.parse.TranscriptFormats;
import io.callstream.ingest.source.CallFileReader;
import io.callstream.ingest.source.CallOverrides;
import io.callstream.ingest.source.LoadedCall;

/**
 * The real calls in {@code ../shared/data} (not part of the project: their licence keeps them out of it), read the
 * way {@code demo --input} and {@code ingest file} read a file.
 */
public final class SharedCalls {

    private SharedCalls() {
    }

    /** The shared data folder, or a skipped test (with the reason) where it is absent. */
    public static Path dataDir() {
        Path data = Path.of(System.getProperty("callstream.shared.dir", "../../shared"), "data");
        assumeTrue(Files.isDirectory(data), data + " is absent: no real calls to run");
        return data;
    }

    /** A file of the shared data, or a skipped test where it is absent. */
    public static Path file(String relative) {
        Path file = dataDir().resolve(relative);
        assumeTrue(Files.isRegularFile(file), file + " is absent");
        return file;
    }

    /** The calls a file holds, with the call id the file's name gives; fails on any line that could not be read. */
    public static List<LoadedCall> load(Path file) throws IOException {
        CallFileReader.Read read = new CallFileReader(TranscriptFormats.all(), null)
                .read(Files.readAllBytes(file), file.toString(), "file:" + file.getFileName(), CallOverrides.NONE);
        if (!read.problems().isEmpty()) {
            throw new IllegalStateException(file + " has lines that cannot be read: " + read.problems());
        }
        return read.calls();
    }
}
