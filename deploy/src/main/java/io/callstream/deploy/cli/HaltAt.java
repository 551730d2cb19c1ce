package io.callstream.deploy.cli;

import java.util.Locale;

import io.callstream.sink.BatchStage;

/**
 * {@code --halt-at STAGE:N}: ends the process at once, as a crash or a kill -9 would (no shutdown hook, no commit),
 * when the sink reaches that stage of its N-th batch. The crash tests use it; nobody else should.
 */
record HaltAt(BatchStage stage, long batch) implements BatchStage.Listener {

    static final int EXIT_CODE = 137;

    static HaltAt parse(String value) {
        int colon = value.lastIndexOf(':');
        try {
            return new HaltAt(BatchStage.valueOf(value.substring(0, colon).toUpperCase(Locale.ROOT).replace('-', '_')),
                    Long.parseLong(value.substring(colon + 1)));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--halt-at takes STAGE:N, STAGE one of polled, before-commit, "
                    + "committed; not " + value, e);
        }
    }

    @Override
    public void reached(BatchStage at, long number) {
        if (at == stage && number == batch) {
            System.err.println("sink: halting at " + at + " of batch " + number + " (--halt-at)");
            System.err.flush();
            Runtime.getRuntime().halt(EXIT_CODE);
        }
    }
}
