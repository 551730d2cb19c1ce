package io.callstream.dashboard.monitor;

import java.util.HashSet;
import java.util.Set;

/**
 * Keeps one tag's values to a bounded set. Every distinct value of a tag is a time series Prometheus stores for
 * ever; values come from records (a rule id, a topic id, a dead letter's stage), and a bad rules file or a buggy
 * stage must not be able to flood the registry. The first {@code limit} values are kept as they are, later new
 * ones all read {@value #OTHER}.
 */
final class TagValues {

    static final String OTHER = "other";

    private final int limit;
    private final Set<String> admitted = new HashSet<>();

    TagValues(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("A tag needs room for at least one value, not " + limit);
        }
        this.limit = limit;
    }

    /** The value itself while there is room or it was admitted before, else {@value #OTHER}. */
    synchronized String admit(String value) {
        if (admitted.contains(value)) {
            return value;
        }
        if (admitted.size() < limit) {
            admitted.add(value);
            return value;
        }
        return OTHER;
    }
}
