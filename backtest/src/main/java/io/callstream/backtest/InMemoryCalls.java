package io.callstream.backtest;

import java.util.List;
import java.util.function.Supplier;

import io.callstream.avro.CallEvent;
import io.callstream.backtest.inprocess.InProcessEnrich;
import io.callstream.enrich.EnrichGraph;
import io.callstream.enrich.EnrichOptions;
import io.callstream.enrich.EnrichOutputs;
import io.callstream.enrich.replay.InMemoryEnrich;

/**
 * Calls run on the in-memory engine ({@link InMemoryEnrich}), and a call in which the topology refuses something on
 * a fresh {@link InProcessEnrich} (the topology in a TopologyTestDriver), which alone can give the dead letters'
 * bytes and offsets exactly. Either way a call's outputs are what a fresh topology gives it alone.
 */
final class InMemoryCalls implements CallEnricher {

    private final EnrichOptions options;
    private final InMemoryEnrich engine;
    private int driversStarted;

    InMemoryCalls(EnrichOptions options) {
        this.options = options;
        this.engine = InMemoryEnrich.start(options);
    }

    @Override
    public <R extends EnrichOutputs.Receiver> R run(String callId, List<CallEvent> events, Supplier<R> receivers) {
        R receiver = receivers.get();
        boolean ran = engine.run(events, (topic, value) ->
                receiver.received(topic, topic == EnrichGraph.Output.ALERTS ? engine.copy(value) : value));
        if (ran) {
            return receiver;
        }
        driversStarted++;
        R again = receivers.get();
        try (InProcessEnrich driver = InProcessEnrich.start(options)) {
            driver.run(events).replayTo(again);
        }
        return again;
    }

    @Override
    public int driversStarted() {
        return driversStarted;
    }

    @Override
    public void close() {
        engine.close();
    }
}
