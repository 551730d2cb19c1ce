package io.callstream.dashboard.monitor;

import java.util.Map;

/**
 * The answer to a liveness or readiness probe: up only when every check is, with each check's detail by name.
 * The same shape as the dashboard server's {@code Health}, so serving it is a field-for-field copy.
 */
public record HealthReport(boolean up, Map<String, String> details) {

    public HealthReport {
        details = Map.copyOf(details);
    }
}
