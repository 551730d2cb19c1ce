package io.callstream.enrich.state;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * A {@link CallIndexedStore} read by a processor that does not own it: the call's items, and no way to write them.
 *
 * @param <V> the item; {@code callIdOf} reads its call back, as for the store
 */
public final class CallIndexedView<V> {

    private static final StringSerializer KEYS = new StringSerializer();

    private final ReadOnlyKeyValueStore<String, V> store;
    private final Function<V, String> callIdOf;

    public CallIndexedView(ReadOnlyKeyValueStore<String, V> store, Function<V, String> callIdOf) {
        this.store = store;
        this.callIdOf = callIdOf;
    }

    /** The call's items in index order. */
    public List<V> of(String callId) {
        return values(entries(store, callIdOf, callId));
    }

    static <V> List<V> values(List<KeyValue<String, V>> entries) {
        return entries.stream().map(entry -> entry.value).toList();
    }

    /** The call's entries in index order, read whole (see {@link CallIndexedStore}'s keys). */
    static <V> List<KeyValue<String, V>> entries(ReadOnlyKeyValueStore<String, V> store, Function<V, String> callIdOf,
                                                 String callId) {
        List<KeyValue<String, V>> entries = new ArrayList<>();
        try (KeyValueIterator<String, V> it = store.prefixScan(callId + "/", KEYS)) {
            while (it.hasNext()) {
                KeyValue<String, V> entry = it.next();
                if (entry.value != null && callIdOf.apply(entry.value).equals(callId)) {
                    entries.add(entry);
                }
            }
        }
        return entries;
    }
}
