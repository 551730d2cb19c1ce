package io.callstream.enrich.replay;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.TreeMap;

import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A key-value store on a sorted map, for {@link InMemoryEnrich}. Values are copied going in and coming out, as a
 * store's serde does on the live path: a processor that changes a value it read, or one it wrote, changes nothing
 * in the store until it writes again. Keys are sorted as Strings, which keeps every key with a given prefix together
 * and in the order of what follows the prefix, all that {@link #prefixScan} promises the enrich processors.
 */
final class InMemoryStore<V> implements KeyValueStore<String, V> {

    private final String name;
    private final RecordCopier copier;
    private final TreeMap<String, V> entries = new TreeMap<>();

    InMemoryStore(String name, RecordCopier copier) {
        this.name = name;
        this.copier = copier;
    }

    /** Forgets every entry: a fresh store for the next call. */
    void clear() {
        entries.clear();
    }

    @Override
    public void put(String key, V value) {
        if (value == null) {
            entries.remove(key);
        } else {
            entries.put(key, copy(value));
        }
    }

    @Override
    public V putIfAbsent(String key, V value) {
        V held = get(key);
        if (held == null) {
            put(key, value);
        }
        return held;
    }

    @Override
    public void putAll(List<KeyValue<String, V>> all) {
        all.forEach(entry -> put(entry.key, entry.value));
    }

    @Override
    public V delete(String key) {
        return entries.remove(key);
    }

    @Override
    public V get(String key) {
        V value = entries.get(key);
        return value == null ? null : copy(value);
    }

    @Override
    public KeyValueIterator<String, V> range(String from, String to) {
        return iterator(entries.subMap(from, true, to, true));
    }

    @Override
    public KeyValueIterator<String, V> all() {
        return iterator(entries);
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<String, V> prefixScan(P prefix, PS serializer) {
        String from = String.valueOf(prefix);
        // Every String that starts with the prefix sorts below the prefix followed by the highest char.
        return iterator(entries.subMap(from, true, from + Character.MAX_VALUE, false));
    }

    @Override
    public long approximateNumEntries() {
        return entries.size();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
    }

    @Override
    public void close() {
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    /** An iterator over a copy of the entries, so a processor may delete while it iterates, as on RocksDB. */
    private KeyValueIterator<String, V> iterator(NavigableMap<String, V> view) {
        Iterator<Map.Entry<String, V>> it = new TreeMap<>(view).entrySet().iterator();
        return new KeyValueIterator<>() {
            private Map.Entry<String, V> next;

            @Override
            public boolean hasNext() {
                return next != null || it.hasNext();
            }

            @Override
            public KeyValue<String, V> next() {
                Map.Entry<String, V> entry = take();
                return KeyValue.pair(entry.getKey(), copy(entry.getValue()));
            }

            @Override
            public String peekNextKey() {
                if (next == null) {
                    next = it.next();
                }
                return next.getKey();
            }

            @Override
            public void close() {
            }

            private Map.Entry<String, V> take() {
                if (next != null) {
                    Map.Entry<String, V> entry = next;
                    next = null;
                    return entry;
                }
                if (!it.hasNext()) {
                    throw new NoSuchElementException();
                }
                return it.next();
            }
        };
    }

    private V copy(V value) {
        return copier.copy(value);
    }
}
