package io.callstream.deploy.cli;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.callstream.avro.Alert;
import io.callstream.avro.CallEvent;
import io.callstream.avro.EnrichedTurn;
import io.callstream.avro.QaExchange;
import io.callstream.avro.Status;
import org.apache.avro.specific.SpecificRecord;

/** What the store sink has committed so far, by kind, for its progress lines. */
final class StoredCounts {

    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong snapshots = new AtomicLong();
    private final AtomicLong finals = new AtomicLong();
    private final AtomicLong exchanges = new AtomicLong();
    private final AtomicLong alerts = new AtomicLong();

    void add(List<SpecificRecord> records) {
        for (SpecificRecord r : records) {
            if (r instanceof EnrichedTurn t) {
                snapshots.incrementAndGet();
                if (t.getTurn().getStatus() == Status.FINAL) {
                    finals.incrementAndGet();
                }
            } else if (r instanceof QaExchange) {
                exchanges.incrementAndGet();
            } else if (r instanceof Alert) {
                alerts.incrementAndGet();
            } else if (r instanceof CallEvent) {
                calls.incrementAndGet();
            }
        }
    }

    long turnSnapshots() {
        return snapshots.get();
    }

    @Override
    public String toString() {
        return snapshots.get() + " turn snapshots (" + finals.get() + " FINAL), " + exchanges.get()
                + " exchange snapshots, " + alerts.get() + " alerts, " + calls.get() + " call starts and ends";
    }
}
