package io.callstream.dashboard;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the dashboard server serves but does not compute: Prometheus metrics and health, supplied by whoever runs it.
 * Each supplier is called on a request thread, once per request.
 *
 * @param metricsText the Prometheus text exposition for {@code GET /metrics}; null: no metrics route (404)
 * @param live        {@code GET /health/live}: is the process working at all
 * @param ready       {@code GET /health/ready}: should it get traffic (e.g. {@link LiveFeed#readiness()}: caught up)
 */
public record DashboardHooks(Supplier<String> metricsText, Supplier<Health> live, Supplier<Health> ready) {

    public DashboardHooks {
        Objects.requireNonNull(live, "live");
        Objects.requireNonNull(ready, "ready");
    }

    /** No metrics; live and ready are always up. */
    public static DashboardHooks none() {
        return new DashboardHooks(null, () -> Health.UP, () -> Health.UP);
    }

    public DashboardHooks withMetrics(Supplier<String> text) {
        return new DashboardHooks(text, live, ready);
    }

    public DashboardHooks withLive(Supplier<Health> value) {
        return new DashboardHooks(metricsText, value, ready);
    }

    public DashboardHooks withReady(Supplier<Health> value) {
        return new DashboardHooks(metricsText, live, value);
    }
}
