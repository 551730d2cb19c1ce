package io.callstream.schemas.registry.server;

/**
 * Confluent's compatibility levels. BACKWARD: the new schema reads data written with the old one (consumers
 * upgrade first). FORWARD: the old schema reads data written with the new one (producers upgrade first). FULL:
 * both. TRANSITIVE: against every earlier version, not only the latest.
 */
enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    private final boolean backward;
    private final boolean forward;
    private final boolean transitive;

    CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    boolean backward() {
        return backward;
    }

    boolean forward() {
        return forward;
    }

    boolean transitive() {
        return transitive;
    }

    static CompatibilityLevel parse(String text) {
        if (text != null) {
            for (CompatibilityLevel level : values()) {
                if (level.name().equalsIgnoreCase(text.strip())) {
                    return level;
                }
            }
        }
        throw RegistryError.invalidCompatibilityLevel(text);
    }
}
