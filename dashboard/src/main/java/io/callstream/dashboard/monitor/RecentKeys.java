package io.callstream.dashboard.monitor;

import java.util.LinkedHashMap;
import java.util.Map;

/** A bounded set that forgets its oldest key past {@code capacity}: "was this seen lately", in bounded memory. */
final class RecentKeys {

    private final Map<String, Boolean> keys;

    RecentKeys(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
        }
        this.keys = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** True when the key is new (and now remembered), false when it was seen lately. */
    boolean add(String key) {
        return keys.putIfAbsent(key, Boolean.TRUE) == null;
    }
}
