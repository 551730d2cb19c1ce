package io.callstream.ingest.source;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.callstream.avro.CallEvent;
import io.callstream.ingest.canonical.CanonicalJsonLines;
import io.callstream.ingest.canonical.LineResult;
import io.callstream.ingest.parse.TranscriptFormats;

/**
 * Reads one input (a file, or all of stdin) into calls: canonical JSON Lines as the call events they already are
 * (one input may hold several calls), any other layout as one transcript. Bad lines of canonical input are
 * reported with their line numbers and the good ones kept.
 */
public final class CallFileReader {

    /** The name of the project's own format on the command line. */
    public static final String CANONICAL = "canonical";

    private final TranscriptFormats formats;
    private final String forcedFormat;
    private final TranscriptLoader transcripts;

    /** @param forcedFormat {@code --format}: a layout name, {@value #CANONICAL}, or null to detect */
    public CallFileReader(TranscriptFormats formats, String forcedFormat) {
        this.formats = formats;
        this.forcedFormat = forcedFormat;
        this.transcripts = new TranscriptLoader(formats, CANONICAL.equals(forcedFormat) ? null : forcedFormat);
    }

    /** What an input held: its calls, and the problems with lines that could not be read (each names its line). */
    public record Read(List<LoadedCall> calls, List<String> problems) {
        public Read {
            calls = List.copyOf(calls);
            problems = List.copyOf(problems);
        }
    }

    /**
     * @param bytes  the whole input
     * @param name   its name in messages and the default call id ("calls/tesla.txt", "stdin")
     * @param source where it came from, for CallStarted ("file:tesla.txt")
     * @throws BadInputException when the input as a whole cannot be read
     */
    public Read read(byte[] bytes, String name, String source, CallOverrides overrides) {
        String text = StrictText.decode(bytes, name);
        StrictText.requireLinesWithin(text, CanonicalJsonLines.DEFAULT_MAX_LINE_BYTES, name);
        if (CANONICAL.equals(forcedFormat) || (forcedFormat == null && CanonicalJsonLines.detect(text))) {
            return canonical(bytes, name);
        }
        return new Read(List.of(transcripts.load(text, name, source, overrides)), List.of());
    }

    private Read canonical(byte[] bytes, String name) {
        List<LineResult> results;
        try {
            results = new CanonicalJsonLines().read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new BadInputException(name + ": " + e.getMessage(), e);
        }
        Map<String, List<CallEvent>> byCall = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (LineResult result : results) {
            if (result instanceof LineResult.Event e) {
                byCall.computeIfAbsent(e.event().getCallId(), id -> new ArrayList<>()).add(e.event());
            } else if (result instanceof LineResult.Refused r) {
                problems.add(name + " line " + r.lineNumber() + ": " + r.reason());
            }
        }
        if (byCall.isEmpty() && problems.isEmpty()) {
            throw new BadInputException(name + " holds no call events.");
        }
        List<LoadedCall> calls = new ArrayList<>();
        byCall.forEach((callId, events) -> calls.add(new LoadedCall(callId, name, CANONICAL, events)));
        return new Read(calls, problems);
    }

    /** Every format name {@code --format} takes. */
    public String formatNames() {
        return formats.names() + ", " + CANONICAL;
    }
}
