package io.callstream.backtest;

import java.nio.file.Path;

import io.callstream.ingest.source.LoadedCall;

/** One call of a corpus with the file it was read from. */
public record CorpusCall(Path file, LoadedCall call) {

    public String callId() {
        return call.callId();
    }
}
