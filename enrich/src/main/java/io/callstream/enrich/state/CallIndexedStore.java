package io.callstream.enrich.state;

import java.util.List;
import java.util.function.Function;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A key-value store of numbered items per call (a call's closed turns, its exchanges), keyed
 * {@code callId/0000042}: zero-padded, so a prefix scan returns one call's items in index order. Kept apart from a
 * call's working state, which is rewritten on every line, because items here are written once and rarely again.
 *
 * @param <V> the item; {@code callIdOf} reads its call back, since "a/b" also starts with the prefix "a/"
 */
public final class CallIndexedStore<V> {

    private final KeyValueStore<String, V> store;
    private final Function<V, String> callIdOf;

    public CallIndexedStore(KeyValueStore<String, V> store, Function<V, String> callIdOf) {
        this.store = store;
        this.callIdOf = callIdOf;
    }

    public void put(String callId, int index, V item) {
        store.put(key(callId, index), item);
    }

    /** The call's items in index order. */
    public List<V> of(String callId) {
        return CallIndexedView.values(entries(callId));
    }

    /**
     * Deletes an item. Written as a put of null, which deletes as {@code delete} does but does not read the old value
     * back (and decode it) only to return it.
     */
    public void delete(String callId, int index) {
        store.put(key(callId, index), null);
    }

    /** Deletes the call's items. */
    public void forget(String callId) {
        entries(callId).forEach(entry -> store.put(entry.key, null));
    }

    /** Read whole before anything is done with them, so that the caller may delete while RocksDB would iterate. */
    private List<KeyValue<String, V>> entries(String callId) {
        return CallIndexedView.entries(store, callIdOf, callId);
    }

    private static String key(String callId, int index) {
        // Zero-padded to seven digits without String.format, which parses its format on every call.
        if (index < 0) {
            return callId + "/" + String.format("%07d", index);
        }
        String digits = Integer.toString(index);
        return digits.length() >= 7 ? callId + "/" + digits : callId + "/" + "0000000".substring(digits.length()) + digits;
    }
}
