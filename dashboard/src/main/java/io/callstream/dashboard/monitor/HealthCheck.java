package io.callstream.dashboard.monitor;

/** One part of the system saying whether it is well, and why in words. Cheap to call: probes come often. */
@FunctionalInterface
public interface HealthCheck {

    Result check();

    /** @param detail what the check saw, for the operator reading the probe's answer */
    record Result(boolean up, String detail) {

        public static Result up(String detail) {
            return new Result(true, detail);
        }

        public static Result down(String detail) {
            return new Result(false, detail);
        }
    }
}
