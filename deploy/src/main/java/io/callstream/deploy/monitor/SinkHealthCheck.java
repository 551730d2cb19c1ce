package io.callstream.deploy.monitor;

import java.util.function.Supplier;

import io.callstream.dashboard.monitor.HealthCheck;
import io.callstream.sink.SinkHealth;

/**
 * The store sink's own view of its database as a check ({@code StoreSink#health()}): up while it starts or
 * writes; down while it waits for the store or has stopped, with the database's own words.
 */
public final class SinkHealthCheck implements HealthCheck {

    private final Supplier<SinkHealth> health;

    public SinkHealthCheck(Supplier<SinkHealth> health) {
        this.health = health;
    }

    @Override
    public Result check() {
        SinkHealth now = health.get();
        String detail = now.detail() == null || now.detail().isEmpty()
                ? now.state().name() : now.state().name() + ": " + now.detail();
        return new Result(now.healthy(), detail + " since " + now.since());
    }
}
