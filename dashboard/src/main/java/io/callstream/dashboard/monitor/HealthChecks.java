package io.callstream.dashboard.monitor;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What {@code /health/live} and {@code /health/ready} answer: named checks, each part of the system optional (a
 * {@code serve} without a sink has no database to check). Liveness asks "restart me?": the process answers and
 * nothing in it has failed for good. Readiness asks "send me work?": every component is running and can reach
 * what it needs. Immutable: each {@code with} gives a new set.
 */
public final class HealthChecks {

    private final Map<String, HealthCheck> liveness;
    private final Map<String, HealthCheck> readiness;

    private HealthChecks(Map<String, HealthCheck> liveness, Map<String, HealthCheck> readiness) {
        this.liveness = liveness;
        this.readiness = readiness;
    }

    /** Only the process itself, which is alive if it can answer, and ready with nothing to wait for. */
    public static HealthChecks none() {
        return new HealthChecks(Map.of("process", () -> HealthCheck.Result.up("answering")), Map.of());
    }

    public HealthChecks withLiveness(String name, HealthCheck check) {
        return new HealthChecks(plus(liveness, name, check), readiness);
    }

    public HealthChecks withReadiness(String name, HealthCheck check) {
        return new HealthChecks(liveness, plus(readiness, name, check));
    }

    /** A part in both probes, such as a Kafka Streams application: alive unless failed, ready while RUNNING. */
    public HealthChecks withBoth(String name, LiveAndReady part) {
        return withLiveness(name, part.liveness()).withReadiness(name, part.readiness());
    }

    public HealthReport liveness() {
        return run(liveness);
    }

    public HealthReport readiness() {
        return run(readiness);
    }

    /** The liveness checks' names, in the order they run. */
    public Set<String> livenessNames() {
        return liveness.keySet();
    }

    /** The readiness checks' names, in the order they run. */
    public Set<String> readinessNames() {
        return readiness.keySet();
    }

    /** One liveness check alone. */
    public HealthReport liveness(String name) {
        return run(Map.of(name, liveness.get(name)));
    }

    /** One readiness check alone. */
    public HealthReport readiness(String name) {
        return run(Map.of(name, readiness.get(name)));
    }

    private static HealthReport run(Map<String, HealthCheck> checks) {
        boolean up = true;
        Map<String, String> details = new LinkedHashMap<>();
        for (Map.Entry<String, HealthCheck> e : checks.entrySet()) {
            HealthCheck.Result result;
            try {
                result = e.getValue().check();
            } catch (RuntimeException failed) {
                // A probe must answer; a check that throws is a check that failed, and says how.
                result = HealthCheck.Result.down("check failed: " + failed);
            }
            up &= result.up();
            details.put(e.getKey(), result.detail());
        }
        return new HealthReport(up, details);
    }

    private static Map<String, HealthCheck> plus(Map<String, HealthCheck> checks, String name, HealthCheck check) {
        if (checks.containsKey(name)) {
            throw new IllegalArgumentException("A check named " + name + " is there already");
        }
        Map<String, HealthCheck> more = new LinkedHashMap<>(checks);
        more.put(name, check);
        return Collections.unmodifiableMap(more);
    }
}
