package io.callstream.backtest;

import java.util.List;
import java.util.function.Supplier;

import io.callstream.avro.CallEvent;
import io.callstream.enrich.EnrichOutputs;

/** Runs call after call through enrich, each as a fresh topology would run it alone. Not thread-safe. */
interface CallEnricher extends AutoCloseable {

    /**
     * Runs one call and hands its outputs, in emission order, to a receiver from {@code receivers}; returns the
     * receiver that heard the run that counts (a call may be run again on a fresh topology, each time to a fresh
     * receiver). Alerts are handed over as copies a receiver may keep; any other record only while it is received.
     */
    <R extends EnrichOutputs.Receiver> R run(String callId, List<CallEvent> events, Supplier<R> receivers);

    /** TopologyTestDriver instances started so far. */
    int driversStarted();

    @Override
    void close();
}
