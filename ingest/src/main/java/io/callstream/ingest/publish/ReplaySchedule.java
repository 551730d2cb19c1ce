package io.callstream.ingest.publish;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.callstream.avro.CallEvent;

/**
 * Several calls replayed at once, as if they had all started together: each event is due at its call's own
 * elapsed time ({@code observedAt} since the call's first event), and the calls' events interleave by that time.
 * Ties keep the order of the calls as given and of the events within a call, so a schedule is deterministic.
 */
public final class ReplaySchedule {

    /** An event and the call time, since its call's first event, at which it is due. */
    public record Entry(long elapsedMs, CallEvent event) {
    }

    private ReplaySchedule() {
    }

    public static List<Entry> of(List<List<CallEvent>> calls) {
        record Keyed(Entry entry, int call, int index) {
        }
        List<Keyed> all = new ArrayList<>();
        for (int c = 0; c < calls.size(); c++) {
            List<CallEvent> events = calls.get(c);
            if (events.isEmpty()) {
                continue;
            }
            long first = events.get(0).getObservedAt().toEpochMilli();
            long previous = 0;
            for (int i = 0; i < events.size(); i++) {
                // Never earlier than the event before it: a call's own order must survive any clock glitch.
                long elapsed = Math.max(previous, events.get(i).getObservedAt().toEpochMilli() - first);
                previous = elapsed;
                all.add(new Keyed(new Entry(elapsed, events.get(i)), c, i));
            }
        }
        all.sort(Comparator.comparingLong((Keyed k) -> k.entry().elapsedMs())
                .thenComparingInt(Keyed::call).thenComparingInt(Keyed::index));
        return all.stream().map(Keyed::entry).toList();
    }
}
