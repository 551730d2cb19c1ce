package io.callstream.deploy.backtest;

import java.util.List;

import io.callstream.avro.CallEvent;
import io.callstream.enrich.EnrichOutputs;

/** Runs call after call through enrich, each as a fresh topology would run it alone. Not thread-safe. */
interface CallEnricher extends AutoCloseable {

    EnrichOutputs run(String callId, List<CallEvent> events);

    /** TopologyTestDriver instances started so far. */
    int driversStarted();

    @Override
    void close();
}
