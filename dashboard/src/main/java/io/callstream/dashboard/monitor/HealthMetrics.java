package io.callstream.dashboard.monitor;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Each health check as a gauge, {@code callstream_health{probe="live"|"ready", check="..."}}, 1 while it is up and 0
 * while it is down: an alert rule can then say which part is unwell (enrich not RUNNING, the sink's store away)
 * where a probe's status code only says that something is. Read at each scrape.
 */
public final class HealthMetrics implements MeterBinder {

    private final HealthChecks checks;

    public HealthMetrics(HealthChecks checks) {
        this.checks = checks;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String name : checks.livenessNames()) {
            gauge(registry, "live", name);
        }
        for (String name : checks.readinessNames()) {
            gauge(registry, "ready", name);
        }
    }

    private void gauge(MeterRegistry registry, String probe, String check) {
        Gauge.builder("callstream.health", checks, c -> {
                    HealthReport report = probe.equals("live") ? c.liveness(check) : c.readiness(check);
                    return report.up() ? 1 : 0;
                })
                .description("1 while this health check is up, 0 while it is down")
                .tag("probe", probe)
                .tag("check", check)
                .register(registry);
    }
}
