package io.callstream.ingest.http;

import io.callstream.ingest.events.EventIdentity;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The identities of events this server produced recently, with the acknowledgement of each, so that a client's
 * retry of a request is not produced a second time.
 *
 * <p>Why here as well as in enrich: the idempotent producer only removes duplicates of its own retries within one
 * producer session; a client that resends a request after a timeout makes a new send. Enrich drops exact
 * duplicates by {@code (callId, lineId, revision)} in any case (that is what makes a retry after a restart of
 * this server, or through another instance, harmless). Skipping here keeps the common case, a retry to the same
 * instance within the window, off the topic entirely, so consumers other than enrich see no duplicate either.
 *
 * <p>Bounded (least recently used entries go first) and in memory: it is an optimisation of the common case, not
 * the guarantee. An event is claimed before it is sent, so two requests racing with the same event produce it
 * once: the second waits on the first's acknowledgement. A failed send releases the claim, so a retry can send.
 */
final class RecentEvents {

    /** What to do with an event. */
    sealed interface Claim {
    }

    /** Not seen: send it and complete {@code ack} with the outcome. */
    record Send(CompletableFuture<Void> ack) implements Claim {
    }

    /** Sent already (or being sent): its acknowledgement is {@code ack}; do not send again. */
    record Duplicate(CompletableFuture<Void> ack) implements Claim {
    }

    /** A line with this identity was sent with other content: refuse it, since a change needs a new revision. */
    record Conflict() implements Claim {
    }

    private record Entry(int contentHash, CompletableFuture<Void> ack) {
    }

    private final Map<EventIdentity, Entry> entries;

    RecentEvents(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.entries = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<EventIdentity, Entry> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * @param contentHash a hash of what the event says (not of when it was received), to tell a resent line from a
     *                    different line under a reused identity
     */
    synchronized Claim claim(EventIdentity identity, int contentHash) {
        Entry known = entries.get(identity);
        if (known != null && !known.ack().isCompletedExceptionally()) {
            if (identity.isLine() && known.contentHash() != contentHash) {
                return new Conflict();
            }
            return new Duplicate(known.ack());
        }
        Entry entry = new Entry(contentHash, new CompletableFuture<>());
        entries.put(identity, entry);
        entry.ack().whenComplete((ok, failure) -> {
            if (failure != null) {
                release(identity, entry);
            }
        });
        return new Send(entry.ack());
    }

    private synchronized void release(EventIdentity identity, Entry entry) {
        entries.remove(identity, entry);
    }

    synchronized int size() {
        return entries.size();
    }
}
