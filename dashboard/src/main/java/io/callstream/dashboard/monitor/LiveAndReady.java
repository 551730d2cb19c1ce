package io.callstream.dashboard.monitor;

/** A part both probes ask about, each in its own way: a Kafka Streams application is alive unless failed, ready while running. */
public interface LiveAndReady {

    HealthCheck liveness();

    HealthCheck readiness();
}
