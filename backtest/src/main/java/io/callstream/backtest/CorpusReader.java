package io.callstream.backtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.callstream.ingest.parse.TranscriptFormats;
import io.callstream.ingest.source.BadInputException;
import io.callstream.ingest.source.CallFileReader;
import io.callstream.ingest.source.CallManifest;
import io.callstream.ingest.source.CallOverrides;
import io.callstream.ingest.source.LoadedCall;

/**
 * Reads a corpus's files into calls exactly as {@code ingest file} reads them ({@link CallFileReader}, layouts
 * detected or forced). A file that cannot be read is skipped with the reason and the rest go on; so is a call whose
 * id another file already gave, since the report is keyed by call id.
 */
public final class CorpusReader {

    private final String forcedFormat;
    private final int threads;

    /** @param forcedFormat a layout name to read every file as, or null to detect each file's layout */
    public CorpusReader(String forcedFormat) {
        this(forcedFormat, 1);
    }

    /**
     * @param forcedFormat a layout name to read every file as, or null to detect each file's layout
     * @param threads      files parsed at once: parsing is CPU work, and a corpus of hundreds of calls takes seconds
     */
    public CorpusReader(String forcedFormat, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("a corpus is read by at least one thread");
        }
        this.forcedFormat = forcedFormat;
        this.threads = threads;
    }

    /** The calls of {@code files}, in the files' order whatever the threads, so the report is the same. */
    public Corpus read(CorpusFiles files) {
        List<Attempt> attempts = parse(files.files());
        List<CorpusCall> calls = new ArrayList<>();
        List<Corpus.Skipped> skipped = new ArrayList<>();
        Map<String, Path> taken = new HashMap<>();
        for (Attempt attempt : attempts) {
            Path file = attempt.file();
            if (attempt.failure() != null) {
                skipped.add(new Corpus.Skipped(file, attempt.failure()));
                continue;
            }
            attempt.read().problems().forEach(problem -> skipped.add(new Corpus.Skipped(file, problem)));
            for (LoadedCall call : attempt.read().calls()) {
                Path first = taken.putIfAbsent(call.callId(), file);
                if (first != null) {
                    skipped.add(new Corpus.Skipped(file, "call id '" + call.callId() + "' is also the call id of "
                            + first + "; rename one of the files (the call id comes from the file name)"));
                } else {
                    calls.add(new CorpusCall(file, call));
                }
            }
        }
        return new Corpus(calls, files.twins(), skipped);
    }

    /** One file read: its calls, or why it could not be read. */
    private record Attempt(Path file, CallFileReader.Read read, String failure) {
    }

    /** Each file parsed, on {@link #threads} threads, each with a reader of its own (a reader is not shared). */
    private List<Attempt> parse(List<Path> files) {
        if (threads == 1 || files.size() < 2) {
            CallFileReader reader = newReader();
            return files.stream().map(file -> attempt(reader, file)).toList();
        }
        ThreadLocal<CallFileReader> readers = ThreadLocal.withInitial(this::newReader);
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, files.size()), task -> {
            Thread thread = new Thread(task, "corpus-reader");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Attempt>> pending = new ArrayList<>();
            for (Path file : files) {
                pending.add(pool.submit(() -> attempt(readers.get(), file)));
            }
            List<Attempt> attempts = new ArrayList<>();
            for (Future<Attempt> each : pending) {
                attempts.add(each.get());
            }
            return attempts;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the corpus", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime; // as the file's own read would have thrown it
            }
            throw new IllegalStateException("reading the corpus failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private CallFileReader newReader() {
        return new CallFileReader(TranscriptFormats.all(), forcedFormat);
    }

    private static Attempt attempt(CallFileReader reader, Path file) {
        try {
            return new Attempt(file, reader.read(Files.readAllBytes(file), file.toString(),
                    "file:" + file.getFileName(), CallManifest.overridesFor(file, CallOverrides.NONE)), null);
        } catch (BadInputException e) {
            return new Attempt(file, null, e.getMessage());
        } catch (IOException e) {
            return new Attempt(file, null, "cannot be read (" + e.getMessage() + "); check its permissions");
        }
    }
}
