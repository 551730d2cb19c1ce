package io.callstream.backtest;

import java.nio.file.Path;
import java.util.List;

/**
 * A corpus read for a backtest.
 *
 * @param calls   the calls, in file order (a canonical JSON Lines file may hold several)
 * @param twins   files left out because another file holds the same call
 * @param skipped files (or lines of them) that could not be read, each with the reason
 */
public record Corpus(List<CorpusCall> calls, List<CorpusFiles.Twin> twins, List<Skipped> skipped) {

    /** A file, or some lines of it, left out of the backtest: why, in words that say what to do. */
    public record Skipped(Path file, String reason) {
    }

    public Corpus {
        calls = List.copyOf(calls);
        twins = List.copyOf(twins);
        skipped = List.copyOf(skipped);
    }

    public long lines() {
        return calls.stream().mapToLong(c -> c.call().lines()).sum();
    }
}
