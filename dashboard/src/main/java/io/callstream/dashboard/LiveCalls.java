package io.callstream.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.callstream.avro.Alert;
import io.callstream.avro.CallEnded;
import io.callstream.avro.CallEvent;
import io.callstream.avro.CallStarted;
import io.callstream.avro.EnrichedTurn;
import io.callstream.avro.QaExchange;
import io.callstream.avro.TranscriptLine;
import org.apache.avro.specific.SpecificRecord;

/**
 * What the live dashboard shows, folded from the pipeline's output records, in memory; thread-safe (one lock: the
 * feed's thread writes, request and stream threads read).
 *
 * <p>Per call: its description from {@code CallStarted} (live until {@code CallEnded}), the latest version of each
 * turn, the highest version of each exchange, each alert once, and a count of distinct lines. Each change appends
 * an event to the call's log, and a change to the call's summary also to the global log of calls; see
 * {@link EventLog} for why each log keeps only the latest event of each item and how clients resume.
 *
 * <p>Event ids start above a base. With the default base (the wall clock at construction in microseconds), the ids
 * of a restarted dashboard start above every id the previous one gave out, so a browser that reconnects across a
 * restart with its old {@code Last-Event-ID} gets everything again rather than missing what the new numbering put
 * below its id.
 *
 * <p>Memory is bounded by {@code maxCalls}: a call holds the latest version of its turns, exchanges and alerts twice
 * over (the records, and each one's latest JSON in its log; superseded versions are dropped) and the ids of its lines,
 * so about twice the size of its final enriched output. Past {@code maxCalls}, the call that ended
 * first is forgotten; if none has ended, the call quiet the longest. Records of a forgotten call that arrive later
 * (a correction, a slower topic) are ignored, unless a new {@code CallStarted} brings it back.
 */
public final class LiveCalls {

    public static final int DEFAULT_MAX_CALLS = 100;

    /** How many forgotten call ids are remembered, so that their late records do not bring them back half-empty. */
    private static final int FORGOTTEN_MEMORY = 10_000;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition appended = lock.newCondition();
    private final int maxCalls;
    private final long firstId;
    private final Map<String, LiveCall> calls = new HashMap<>();
    /** Calls by their last change, least recent first. */
    private final LinkedHashSet<String> activity = new LinkedHashSet<>();
    /** Ended calls in the order they ended. */
    private final LinkedHashSet<String> endedOrder = new LinkedHashSet<>();
    /** Forgotten calls, oldest first, with the last id their log gave out. */
    private final LinkedHashMap<String, Long> forgotten = new LinkedHashMap<>();
    /** Creation order, to list calls without a known start newest first too. */
    private final Map<String, Long> created = new HashMap<>();
    private final EventLog global;
    private long creations;

    /** Event ids numbered above the wall clock in microseconds: see the class comment. */
    public LiveCalls(int maxCalls) {
        this(maxCalls, System.currentTimeMillis() * 1000);
    }

    /** @param firstId ids start at {@code firstId + 1} in every log (0 in tests: ids 1, 2, 3…) */
    public LiveCalls(int maxCalls, long firstId) {
        if (maxCalls < 1) {
            throw new IllegalArgumentException("maxCalls must be at least 1, got " + maxCalls);
        }
        this.maxCalls = maxCalls;
        this.firstId = firstId;
        this.global = new EventLog(firstId);
    }

    /**
     * Folds one record of the pipeline's output in: a {@link CallEvent}, {@link EnrichedTurn}, {@link QaExchange}
     * or {@link Alert}; other records are ignored.
     *
     * @return whether it changed anything (and so appended events)
     */
    public boolean apply(SpecificRecord record) {
        lock.lock();
        try {
            boolean changed = fold(record);
            if (changed) {
                appended.signalAll();
            }
            return changed;
        } finally {
            lock.unlock();
        }
    }

    private boolean fold(SpecificRecord record) {
        if (record instanceof CallEvent e) {
            if (e.getPayload() instanceof CallStarted s) {
                // A new start brings a forgotten call back: it is being run again. Its new log numbers on from the
                // old one's last id, so that a client still holding an id of the old log misses nothing of the new.
                Long lastId = forgotten.remove(e.getCallId());
                return change(call(e.getCallId(), lastId == null ? firstId : lastId), c -> c.started(e, s));
            }
            LiveCall c = known(e.getCallId());
            if (c == null) {
                return false;
            }
            if (e.getPayload() instanceof CallEnded) {
                boolean changed = change(c, x -> x.ended(e));
                endedOrder.add(c.callId());
                return changed;
            }
            if (e.getPayload() instanceof TranscriptLine l) {
                return change(c, x -> x.line(e, l));
            }
            return false; // SpeakerIdentified: enrich re-issues the turns it corrects, and those are what shows.
        }
        if (record instanceof EnrichedTurn t) {
            LiveCall c = known(t.getTurn().getCallId());
            return c != null && change(c, x -> x.turn(t));
        }
        if (record instanceof QaExchange q) {
            LiveCall c = known(q.getCallId());
            return c != null && change(c, x -> x.exchange(q));
        }
        if (record instanceof Alert a) {
            LiveCall c = known(a.getCallId());
            return c != null && change(c, x -> x.alert(a));
        }
        return false;
    }

    private interface Change {
        boolean apply(LiveCall call);
    }

    private boolean change(LiveCall call, Change change) {
        if (!change.apply(call)) {
            return false;
        }
        global.put(call.callId(), LiveEvent.CALL, call.summaryJson());
        touch(call.callId());
        return true;
    }

    /** The call, created if new; null if it was forgotten (its late records are ignored). */
    private LiveCall known(String callId) {
        return forgotten.containsKey(callId) ? null : call(callId, firstId);
    }

    private LiveCall call(String callId, long logFirstId) {
        LiveCall c = calls.get(callId);
        if (c == null) {
            c = new LiveCall(callId, logFirstId);
            calls.put(callId, c);
            created.put(callId, ++creations);
            touch(callId);
            while (calls.size() > maxCalls) {
                forgetOne(callId);
            }
        }
        return c;
    }

    private void touch(String callId) {
        activity.remove(callId);
        activity.add(callId);
    }

    /** Forgets the call that ended first, else the one quiet the longest; never {@code keep}. */
    private void forgetOne(String keep) {
        String victim = endedOrder.stream().filter(id -> !id.equals(keep)).findFirst()
                .orElseGet(() -> activity.stream().filter(id -> !id.equals(keep)).findFirst().orElseThrow());
        LiveCall gone = calls.remove(victim);
        activity.remove(victim);
        endedOrder.remove(victim);
        created.remove(victim);
        global.remove(victim);
        forgotten.put(victim, gone.log().lastId());
        if (forgotten.size() > FORGOTTEN_MEMORY) {
            Iterator<String> oldest = forgotten.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        // Streams of the forgotten call end.
        appended.signalAll();
    }

    /** Every call, newest first (by start, then by when it was first read). */
    public List<CallSummary> calls() {
        lock.lock();
        try {
            return calls.values().stream()
                    .sorted(Comparator.comparing((LiveCall c) -> c.summary().startedAt(),
                                    Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
                            .thenComparing(c -> created.get(c.callId()))
                            .reversed())
                    .map(LiveCall::summary)
                    .toList();
        } finally {
            lock.unlock();
        }
    }

    public boolean contains(String callId) {
        lock.lock();
        try {
            return calls.containsKey(callId);
        } finally {
            lock.unlock();
        }
    }

    public Optional<CallView> view(String callId) {
        lock.lock();
        try {
            LiveCall c = calls.get(callId);
            return c == null ? Optional.empty() : Optional.of(c.view());
        } finally {
            lock.unlock();
        }
    }

    /**
     * The call's events with ids above {@code after}, waiting up to {@code wait} for one if there are none yet.
     *
     * @return empty if the call is unknown (or was forgotten meanwhile); an empty list if the wait ran out
     */
    public Optional<List<LiveEvent>> awaitEvents(String callId, long after, Duration wait)
            throws InterruptedException {
        long nanos = wait.toNanos();
        lock.lock();
        try {
            while (true) {
                LiveCall c = calls.get(callId);
                if (c == null) {
                    return Optional.empty();
                }
                List<LiveEvent> events = c.log().after(after);
                if (!events.isEmpty() || nanos <= 0) {
                    return Optional.of(events);
                }
                nanos = appended.awaitNanos(nanos);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The global log's {@code call} events with ids above {@code after}, waiting up to {@code wait} for one. */
    public List<LiveEvent> awaitCallEvents(long after, Duration wait) throws InterruptedException {
        long nanos = wait.toNanos();
        lock.lock();
        try {
            while (true) {
                List<LiveEvent> events = global.after(after);
                if (!events.isEmpty() || nanos <= 0) {
                    return events;
                }
                nanos = appended.awaitNanos(nanos);
            }
        } finally {
            lock.unlock();
        }
    }

    public int maxCalls() {
        return maxCalls;
    }

    /** How many events the logs hold in all (for tests and metrics: the logs are compacted, so it stays bounded). */
    public int heldEvents() {
        lock.lock();
        try {
            return global.size() + calls.values().stream().mapToInt(c -> c.log().size()).sum();
        } finally {
            lock.unlock();
        }
    }
}
