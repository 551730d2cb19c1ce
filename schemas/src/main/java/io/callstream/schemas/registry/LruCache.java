package io.callstream.schemas.registry;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small thread-safe least-recently-used map. Registry answers are tiny and looked up rarely after warm-up, so
 * one lock is cheaper and simpler than a concurrent structure; the bound keeps a long-running process that sees
 * many schemas from growing without limit.
 */
final class LruCache<K, V> {

    private final Map<K, V> entries;

    LruCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized V get(K key) {
        return entries.get(key);
    }

    synchronized void put(K key, V value) {
        entries.put(key, value);
    }

    synchronized int size() {
        return entries.size();
    }
}
