package io.callstream.deploy.monitor;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;

import io.callstream.dashboard.monitor.HealthCheck;
import io.callstream.dashboard.monitor.LiveAndReady;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KafkaStreams.State;

/**
 * A Kafka Streams application's state as health. Ready only while RUNNING: while REBALANCING its tasks are
 * moving and restoring, and what it would answer is behind. Alive unless it failed: ERROR (or on its way
 * there), or stopped while a failure is recorded, since an uncaught exception handler that shuts the client
 * down leaves NOT_RUNNING just as a deliberate close does, and only the handler knows which it was.
 */
public final class StreamsHealth implements LiveAndReady {

    private static final Set<State> FAILED = EnumSet.of(State.PENDING_ERROR, State.ERROR);
    private static final Set<State> STOPPED = EnumSet.of(State.PENDING_SHUTDOWN, State.NOT_RUNNING);

    private final KafkaStreams streams;
    private final Supplier<Throwable> failure;

    /** @param failure what the application's uncaught exception handler last saw, or null while there is none */
    public StreamsHealth(KafkaStreams streams, Supplier<Throwable> failure) {
        this.streams = streams;
        this.failure = failure;
    }

    /** Where no uncaught exception handler records failures: only the state tells. */
    public StreamsHealth(KafkaStreams streams) {
        this(streams, () -> null);
    }

    @Override
    public HealthCheck liveness() {
        return () -> {
            State state = streams.state();
            Throwable failed = failure.get();
            boolean dead = FAILED.contains(state) || (STOPPED.contains(state) && failed != null);
            return new HealthCheck.Result(!dead, describe(state, failed));
        };
    }

    @Override
    public HealthCheck readiness() {
        return () -> {
            State state = streams.state();
            return new HealthCheck.Result(state == State.RUNNING, describe(state, failure.get()));
        };
    }

    private static String describe(State state, Throwable failed) {
        return failed == null ? state.name() : state.name() + ": " + failed;
    }
}
