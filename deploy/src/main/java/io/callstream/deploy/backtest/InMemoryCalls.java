package io.callstream.deploy.backtest;

import java.util.List;
import java.util.Optional;

import io.callstream.avro.CallEvent;
import io.callstream.deploy.inprocess.InProcessEnrich;
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
    public EnrichOutputs run(String callId, List<CallEvent> events) {
        Optional<EnrichOutputs> outputs = engine.run(events);
        if (outputs.isPresent()) {
            return outputs.get();
        }
        driversStarted++;
        try (InProcessEnrich driver = InProcessEnrich.start(options)) {
            return driver.run(events);
        }
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
