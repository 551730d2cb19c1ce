package io.callstream.deploy.backtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.callstream.ingest.parse.TranscriptFormats;
import io.callstream.ingest.source.BadInputException;
import io.callstream.ingest.source.CallFileReader;
import io.callstream.ingest.source.CallOverrides;
import io.callstream.ingest.source.LoadedCall;

/**
 * Reads a corpus's files into calls exactly as {@code ingest file} reads them ({@link CallFileReader}, layouts
 * detected or forced). A file that cannot be read is skipped with the reason and the rest go on; so is a call whose
 * id another file already gave, since the report is keyed by call id.
 */
public final class CorpusReader {

    private final CallFileReader reader;

    /** @param forcedFormat a layout name to read every file as, or null to detect each file's layout */
    public CorpusReader(String forcedFormat) {
        this.reader = new CallFileReader(TranscriptFormats.all(), forcedFormat);
    }

    public Corpus read(CorpusFiles files) {
        List<CorpusCall> calls = new ArrayList<>();
        List<Corpus.Skipped> skipped = new ArrayList<>();
        Map<String, Path> taken = new HashMap<>();
        for (Path file : files.files()) {
            CallFileReader.Read read;
            try {
                read = reader.read(Files.readAllBytes(file), file.toString(), "file:" + file.getFileName(),
                        CallOverrides.NONE);
            } catch (BadInputException e) {
                skipped.add(new Corpus.Skipped(file, e.getMessage()));
                continue;
            } catch (IOException e) {
                skipped.add(new Corpus.Skipped(file, "cannot be read (" + e.getMessage() + "); check its permissions"));
                continue;
            }
            read.problems().forEach(problem -> skipped.add(new Corpus.Skipped(file, problem)));
            for (LoadedCall call : read.calls()) {
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
}
