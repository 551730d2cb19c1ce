package io.callstream.dashboard;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A compacted event log: each item (a turn, an exchange, an alert, the call itself) keeps only its latest event.
 *
 * <p>Why compaction keeps resume exact: the page shows the latest state of each item and replaces an item in place
 * when an event for it arrives. A client that last saw id {@code n} needs the latest state of every item that
 * changed after {@code n}; each such item's latest event has an id above {@code n}, because a newer event always
 * gets a higher id than the one it replaces. So {@link #after(long)} gives everything the client misses, each id
 * once, and nothing it already has — while the log holds one event per item (a few hundred per call) instead of
 * every PARTIAL snapshot (thousands).
 *
 * <p>Not thread-safe: {@link LiveCalls} guards it with its lock.
 */
final class EventLog {

    private final TreeMap<Long, LiveEvent> byId = new TreeMap<>();
    private final Map<String, LiveEvent> byItem = new HashMap<>();
    private long lastId;

    /** @param firstId the id of the first event minus one: ids start above it */
    EventLog(long firstId) {
        this.lastId = firstId;
    }

    /**
     * Appends the item's new state, unless it is the state the log already holds for the item.
     *
     * @return whether an event was appended
     */
    boolean put(String item, String type, String data) {
        LiveEvent previous = byItem.get(item);
        if (previous != null && previous.type().equals(type) && previous.data().equals(data)) {
            return false;
        }
        if (previous != null) {
            byId.remove(previous.id());
        }
        LiveEvent event = new LiveEvent(++lastId, type, data);
        byId.put(event.id(), event);
        byItem.put(item, event);
        return true;
    }

    /** Forgets an item without an event (an evicted call in the global log). */
    void remove(String item) {
        LiveEvent previous = byItem.remove(item);
        if (previous != null) {
            byId.remove(previous.id());
        }
    }

    /**
     * The events with ids above {@code after}, in id order. An id above the last one given out cannot come from
     * this log (it is from another log, or from before a restart that numbered from lower): the client gets the
     * whole log, since items sent twice are replaced in place, while items missed would be a gap.
     */
    List<LiveEvent> after(long after) {
        long from = after > lastId ? Long.MIN_VALUE : after;
        return new ArrayList<>(byId.tailMap(from, false).values());
    }

    long lastId() {
        return lastId;
    }

    int size() {
        return byId.size();
    }
}
