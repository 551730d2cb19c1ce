package io.callstream.schemas.versions;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;

/**
 * The latest version of each of many versioned records, as every reader of enrich's outputs must keep them. A turn,
 * an enriched turn or an exchange is emitted again with a version one higher each time it changes, so the highest
 * version is the truth; one no higher than what is held, read later (a redelivery, a re-read partition, a slower
 * topic), is stale or the same record again, and changes nothing.
 *
 * @param <K> what identifies the record across its versions (a turn's index, an exchange's id)
 * @param <V> the record
 */
public final class LatestVersions<K, V> {

    private final Map<K, V> latest;
    private final ToIntFunction<? super V> version;
    private final boolean lastOfEqualVersions;

    private LatestVersions(Map<K, V> latest, ToIntFunction<? super V> version, boolean lastOfEqualVersions) {
        this.latest = latest;
        this.version = version;
        this.lastOfEqualVersions = lastOfEqualVersions;
    }

    private LatestVersions(Map<K, V> latest, ToIntFunction<? super V> version) {
        this(latest, version, false);
    }

    /** Kept in the order their keys first came; for one thread. */
    public static <K, V> LatestVersions<K, V> inArrivalOrder(ToIntFunction<? super V> version) {
        return new LatestVersions<>(new LinkedHashMap<>(), version);
    }

    /**
     * As {@link #inArrivalOrder}, but of equal versions (the same record again) the one offered last is held: as a
     * store whose upsert writes a version no lower than the row's holds them, so that a batch written at once ends
     * as the same records written one by one would.
     */
    public static <K, V> LatestVersions<K, V> inArrivalOrderLastOfEqualVersions(ToIntFunction<? super V> version) {
        return new LatestVersions<>(new LinkedHashMap<>(), version, true);
    }

    /** Kept in their keys' order; for one thread. */
    public static <K extends Comparable<K>, V> LatestVersions<K, V> inKeyOrder(ToIntFunction<? super V> version) {
        return new LatestVersions<>(new TreeMap<>(), version);
    }

    /** For threads offering at once, each offer atomic. */
    public static <K, V> LatestVersions<K, V> concurrent(ToIntFunction<? super V> version) {
        return new LatestVersions<>(new ConcurrentHashMap<>(), version);
    }

    /**
     * Holds {@code value} for {@code key} if it is the first of its key or of a higher version than the one held (or
     * of the same, for {@link #inArrivalOrderLastOfEqualVersions}).
     */
    public boolean offer(K key, V value) {
        boolean[] taken = {false};
        latest.compute(key, (k, held) -> {
            int compared = held == null ? 1 : Integer.compare(version.applyAsInt(value), version.applyAsInt(held));
            if (compared > 0 || compared == 0 && lastOfEqualVersions) {
                taken[0] = true;
                return value;
            }
            return held;
        });
        return taken[0];
    }

    /** The latest version held for {@code key}, or null. */
    public V get(K key) {
        return latest.get(key);
    }

    /** The latest versions, in this fold's order. */
    public Collection<V> values() {
        return Collections.unmodifiableCollection(latest.values());
    }

    /** The latest versions by key, a read-only view. */
    public Map<K, V> asMap() {
        return Collections.unmodifiableMap(latest);
    }

    public int size() {
        return latest.size();
    }
}
