package io.callstream.sink;

/**
 * Points in the writing of one batch, where a test can stop the sink's process to prove that a crash there loses
 * and duplicates nothing ({@code callstream sink --halt-at}). The default listener does nothing.
 */
public enum BatchStage {
    /** Records polled and decoded; nothing written. */
    POLLED,
    /** Rows and offsets written and dead letters made durable, in a transaction not yet committed. */
    BEFORE_COMMIT,
    /** The transaction committed. */
    COMMITTED;

    /** Sees each stage of each batch (batches counted from 1), on the sink's thread. */
    @FunctionalInterface
    public interface Listener {
        Listener NONE = (stage, batch) -> { };

        void reached(BatchStage stage, long batch);
    }
}
