package io.callstream.backtest;

import io.callstream.enrich.EnrichOutputs;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import io.callstream.avro.CallEnded;
import io.callstream.avro.CallEvent;
import io.callstream.backtest.inprocess.InProcessEnrich;
import io.callstream.enrich.EnrichOptions;

/**
 * One {@link InProcessEnrich} that serves call after call, giving each call exactly what a fresh one would give it
 * alone, and starting a fresh one where reuse could not promise that. A driver takes a noticeable part of a call's
 * time to start (five RocksDB stores, the Lucene monitor, an in-process registry and its schema registrations), so
 * one per worker thread is kept.
 *
 * <p>Why reuse is safe, and when it is not:
 * <ul>
 *   <li>Every store is keyed by call id, and a call's CallEnded deletes its state (turns, exchanges, alert state);
 *       the assembler keeps only an "ended" marker under the call id. A call with a new id therefore finds nothing
 *       of the calls before it. A call id the driver has seen would hit that marker (its lines dead-lettered as
 *       "after the call ended"): such a call gets a fresh driver.</li>
 *   <li>What is not per call is the driver's stream time, the maximum record time it has seen. Nothing reads it to
 *       decide: the assembler's idle expiry runs on the wall clock, which a driver's clock never moves (it is
 *       live-only), so calls on older clocks than the ones before them are not expired. A dead letter carries its
 *       input offset, which differs on a reused driver, so a call that produced any dead letter on a used driver is
 *       run again on a fresh one, which then serves no other call.</li>
 *   <li>A call that does not end with its CallEnded (canonical input may lack one) stays open in the driver, its
 *       state beside the next calls': its driver is not reused either.</li>
 *   <li>The tagger's cache of recent readings is a function of the text and ticker alone.</li>
 * </ul>
 * Not thread-safe: one per worker thread.
 */
final class ReusedEnrich implements CallEnricher {

    private final EnrichOptions options;
    private final int callsPerDriver;
    private final boolean persistentStores;
    private final Set<String> seenCallIds = new HashSet<>();
    private InProcessEnrich driver;
    private int driversStarted;

    ReusedEnrich(EnrichOptions options) {
        this(options, Integer.MAX_VALUE);
    }

    /** @param callsPerDriver at most this many calls on one driver (1: a fresh driver for every call) */
    ReusedEnrich(EnrichOptions options, int callsPerDriver) {
        this(options, callsPerDriver, true);
    }

    /** @param persistentStores false for in-memory stores in the driver (the benchmark's ladder) */
    ReusedEnrich(EnrichOptions options, int callsPerDriver, boolean persistentStores) {
        if (callsPerDriver < 1) {
            throw new IllegalArgumentException("callsPerDriver must be at least 1, not " + callsPerDriver);
        }
        this.options = options;
        this.callsPerDriver = callsPerDriver;
        this.persistentStores = persistentStores;
    }

    @Override
    public <R extends EnrichOutputs.Receiver> R run(String callId, List<CallEvent> events, Supplier<R> receivers) {
        R receiver = receivers.get();
        run(callId, events).replayTo(receiver);
        return receiver;
    }

    /** Runs one call's events, as a fresh driver would run them alone. */
    EnrichOutputs run(String callId, List<CallEvent> events) {
        if (driver != null && (seenCallIds.contains(callId) || seenCallIds.size() >= callsPerDriver)) {
            retire();
        }
        boolean used = driver != null;
        if (driver == null) {
            start();
        }
        EnrichOutputs outputs;
        try {
            outputs = driver.run(events);
        } catch (RuntimeException e) {
            retire(); // whatever the call left half done must not meet the next call
            throw e;
        }
        seenCallIds.add(callId);
        if (!outputs.deadLetters().isEmpty() || !endsOnceAtTheEnd(events)) {
            retire();
            if (used) {
                start();
                outputs = driver.run(events);
                retire();
            }
        }
        return outputs;
    }

    /** How many drivers this one has started: one, unless some calls needed a fresh one. */
    @Override
    public int driversStarted() {
        return driversStarted;
    }

    private void start() {
        driver = InProcessEnrich.start(options, persistentStores);
        driversStarted++;
    }

    private void retire() {
        if (driver != null) {
            driver.close();
            driver = null;
            seenCallIds.clear();
        }
    }

    private static boolean endsOnceAtTheEnd(List<CallEvent> events) {
        long ends = events.stream().filter(e -> e.getPayload() instanceof CallEnded).count();
        return ends == 1 && !events.isEmpty() && events.get(events.size() - 1).getPayload() instanceof CallEnded;
    }

    @Override
    public void close() {
        retire();
    }
}
