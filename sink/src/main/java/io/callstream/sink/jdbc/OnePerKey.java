package io.callstream.sink.jdbc;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.ToIntFunction;

import io.callstream.schemas.versions.LatestVersions;

/**
 * One record per natural key within a batch. PostgreSQL refuses an {@code INSERT ... ON CONFLICT DO UPDATE} that
 * touches a row twice, which a multi-row batch (reWriteBatchedInserts) would do for two versions of one turn.
 */
final class OnePerKey {

    private OnePerKey() {
    }

    /** The records with one per key; {@code pick} chooses between an earlier and a later one of the same key. */
    static <T> Collection<T> of(Collection<T> records, Function<T, String> key, BinaryOperator<T> pick) {
        Map<String, T> kept = new LinkedHashMap<>();
        for (T r : records) {
            kept.merge(key.apply(r), r, pick);
        }
        return kept.values();
    }

    /**
     * The latest version of each key's record ({@link LatestVersions}), in the order the keys first came; of equal
     * versions the last, as the upserts (which write a version no lower than the row's) keep across batches.
     */
    static <T> Collection<T> latest(Collection<T> records, Function<T, String> key, ToIntFunction<T> version) {
        LatestVersions<String, T> latest = LatestVersions.inArrivalOrderLastOfEqualVersions(version);
        for (T r : records) {
            latest.offer(key.apply(r), r);
        }
        return latest.values();
    }
}
