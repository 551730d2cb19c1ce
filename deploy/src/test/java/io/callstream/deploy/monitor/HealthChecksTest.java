package io.callstream.deploy.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import io.callstream.dashboard.monitor.HealthChecks;
import io.callstream.dashboard.monitor.HealthReport;
import io.callstream.sink.SinkHealth;
import org.junit.jupiter.api.Test;

class HealthChecksTest {

    private static final Instant SINCE = Instant.parse("2026-11-28T10:00:00Z");

    private final AtomicReference<SinkHealth> sink =
            new AtomicReference<>(new SinkHealth(SinkHealth.State.RUNNING, "", SINCE));
    private final HealthChecks checks = HealthChecks.none().withReadiness("store", new SinkHealthCheck(sink::get));

    @Test
    void readyWhileTheSinkWrites() {
        HealthReport ready = checks.readiness();

        assertThat(ready.up()).isTrue();
        assertThat(ready.details()).containsEntry("store", "RUNNING since " + SINCE);
    }

    @Test
    void notReadyWithTheDatabasesWordsWhileTheSinkWaitsForTheStore() {
        sink.set(new SinkHealth(SinkHealth.State.WAITING_FOR_STORE, "Connection to localhost:5432 refused", SINCE));

        HealthReport ready = checks.readiness();

        assertThat(ready.up()).isFalse();
        assertThat(ready.details()).containsEntry("store",
                "WAITING_FOR_STORE: Connection to localhost:5432 refused since " + SINCE);
        assertThat(checks.liveness().up()).as("waiting for the database is no reason to restart").isTrue();
    }

    @Test
    void withoutComponentsOnlyTheProcessIsChecked() {
        HealthChecks bare = HealthChecks.none();

        assertThat(bare.liveness()).isEqualTo(new HealthReport(true, java.util.Map.of("process", "answering")));
        assertThat(bare.readiness()).isEqualTo(new HealthReport(true, java.util.Map.of()));
    }

    @Test
    void aCheckThatThrowsIsDownAndSaysWhy() {
        HealthChecks failing = checks.withReadiness("broker", () -> {
            throw new IllegalStateException("admin client closed");
        });

        HealthReport ready = failing.readiness();

        assertThat(ready.up()).isFalse();
        assertThat(ready.details().get("broker")).contains("admin client closed");
        assertThat(ready.details()).containsKey("store");
    }
}
