package io.callstream.dashboard.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class HealthMetricsTest {

    @Test
    void eachCheckIsAGaugeThatFollowsItsStateAtEveryRead() {
        AtomicBoolean storeUp = new AtomicBoolean(true);
        HealthChecks checks = HealthChecks.none()
                .withReadiness("store", () -> storeUp.get() ? HealthCheck.Result.up("writing")
                        : HealthCheck.Result.down("waiting for the store"))
                .withReadiness("broker", () -> {
                    throw new IllegalStateException("no answer");
                });
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new HealthMetrics(checks).bindTo(registry);

        assertThat(value(registry, "ready", "store")).isEqualTo(1.0);
        assertThat(value(registry, "live", "process")).isEqualTo(1.0);
        assertThat(value(registry, "ready", "broker")).as("a check that throws is down").isEqualTo(0.0);

        storeUp.set(false);
        assertThat(value(registry, "ready", "store")).isEqualTo(0.0);
    }

    private static double value(SimpleMeterRegistry registry, String probe, String check) {
        return registry.get("callstream.health").tag("probe", probe).tag("check", check).gauge().value();
    }
}
