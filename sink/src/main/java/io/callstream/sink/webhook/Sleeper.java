package io.callstream.sink.webhook;

import java.time.Duration;

/** Waits between attempts; injected so tests can record the backoff schedule instead of living it. */
@FunctionalInterface
public interface Sleeper {

    Sleeper REAL = d -> Thread.sleep(d.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
