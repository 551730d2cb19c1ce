package io.callstream.enrich.errors;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

import org.apache.kafka.common.errors.InvalidPidMappingException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TransactionAbortedException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;

/**
 * What enrich does when a stream thread dies. Record errors never get here (they go to call-dlq); what does is either
 * the app itself failing, which stops the instance loudly, or a transaction the broker gave up on, which a new thread
 * recovers from: the thread is replaced.
 *
 * <p>Why replace: when a broker dies, a transaction whose partitions it led can stay open past
 * {@code transaction.timeout.ms} (10 s for Kafka Streams) while leadership moves, and the coordinator aborts it. The
 * thread then learns it from its next commit, and Kafka Streams (4.4) treats an {@link InvalidTxnStateException} there
 * as fatal, not as the task migration it treats {@link InvalidProducerEpochException} as (KAFKA-19690 fixed one path to
 * it, not every one): the torture suite saw an instance stop 13 s after a node's kill -9. Under exactly-once nothing of
 * the aborted transaction was ever visible, so a new thread that resumes from the committed offsets loses and repeats
 * nothing. Such failures are replaced at most {@code budget} times within {@code window}; one more stops the instance,
 * so that a transactional error that keeps coming (a broker that refuses every transaction, an ACL) is seen, not
 * hidden behind a thread restarted forever. Thread-safe.
 */
public final class StreamThreadFailures implements StreamsUncaughtExceptionHandler {

    /** Replacements allowed within the window by default: a broker bounce costs one per thread it caught. */
    public static final int DEFAULT_BUDGET = 6;
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(10);

    /**
     * Told of each thread to be replaced, with the failure it died of (on the dying thread). Kafka Streams starts the
     * new thread unless the instance is no longer running or rebalancing.
     */
    public interface Listener {
        void replaced(Throwable failure);
    }

    private final int budget;
    private final long windowNanos;
    private final LongSupplier nanoClock;
    private final Listener listener;
    private final Deque<Long> replacements = new ArrayDeque<>();
    private final AtomicReference<Throwable> fatal = new AtomicReference<>();

    public StreamThreadFailures(int budget, Duration window, LongSupplier nanoClock, Listener listener) {
        if (budget < 0) {
            throw new IllegalArgumentException("budget " + budget + " must not be negative");
        }
        this.budget = budget;
        this.windowNanos = window.toNanos();
        this.nanoClock = nanoClock;
        this.listener = listener;
    }

    /** The default budget on the system's clock. */
    public static StreamThreadFailures withDefaults(Listener listener) {
        return new StreamThreadFailures(DEFAULT_BUDGET, DEFAULT_WINDOW, System::nanoTime, listener);
    }

    @Override
    public StreamThreadExceptionResponse handle(Throwable exception) {
        // Once the instance is stopping, a thread put back would only be stopped with it.
        if (fatal.get() == null && abortedTransaction(exception)) {
            synchronized (replacements) {
                long now = nanoClock.getAsLong();
                while (!replacements.isEmpty() && now - replacements.peekFirst() >= windowNanos) {
                    replacements.removeFirst();
                }
                if (replacements.size() < budget) {
                    replacements.addLast(now);
                    listener.replaced(exception);
                    return StreamThreadExceptionResponse.REPLACE_THREAD;
                }
            }
        }
        fatal.compareAndSet(null, exception);
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }

    /** The failure that stopped the instance, if one did. */
    public Optional<Throwable> fatal() {
        return Optional.ofNullable(fatal.get());
    }

    /**
     * Whether {@code exception} is, or was caused by, the broker having ended the thread's transaction: its producer
     * fenced or its epoch bumped, or its transaction aborted or in a state the coordinator no longer accepts. An
     * {@link InvalidTxnStateException} may also mean a client that wrote to a partition it had not added to the
     * transaction (KIP-890): a new thread starts a new transaction, and a bug that keeps doing it spends the budget.
     */
    static boolean abortedTransaction(Throwable exception) {
        Throwable t = exception;
        for (int depth = 0; t != null && depth < 32; depth++, t = t.getCause()) { // a cause chain may loop
            if (t instanceof InvalidTxnStateException || t instanceof InvalidProducerEpochException
                    || t instanceof ProducerFencedException || t instanceof InvalidPidMappingException
                    || t instanceof TransactionAbortedException) {
                return true;
            }
        }
        return false;
    }
}
