package io.callstream.deploy.demo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.callstream.avro.QaExchange;
import io.callstream.avro.SpeakerTurn;
import io.callstream.avro.Status;

/**
 * Prints turns as the sink stores them and holds each exchange back until the turns it spans have been printed, so a
 * reader never meets an exchange before its question. The sink and the exchange feed read their topics on their own
 * threads and either may run ahead: the sink commits every batch to the store, so under load it lags the feed by
 * several turns. An exchange is still printed as soon as its last turn is, long before the call ends.
 */
final class PrintOrder implements Consumer<SpeakerTurn>, FinalExchanges.Listener {

    private record Held(QaExchange exchange, boolean correction) {
    }

    private final Consumer<SpeakerTurn> turns;
    private final FinalExchanges.Listener exchanges;
    /** The highest FINAL turn index printed so far, by callId. */
    private final Map<String, Integer> lastTurnPrinted = new HashMap<>();
    private final List<Held> held = new ArrayList<>();

    PrintOrder(Consumer<SpeakerTurn> turns, FinalExchanges.Listener exchanges) {
        this.turns = turns;
        this.exchanges = exchanges;
    }

    @Override
    public synchronized void accept(SpeakerTurn turn) {
        turns.accept(turn);
        if (turn.getStatus() != Status.FINAL) {
            return;
        }
        lastTurnPrinted.merge(turn.getCallId(), turn.getTurnIndex(), Math::max);
        Set<String> stillWaiting = new HashSet<>();
        for (Iterator<Held> it = held.iterator(); it.hasNext(); ) {
            Held h = it.next();
            String callId = h.exchange().getCallId();
            if (!stillWaiting.contains(callId) && ready(h.exchange())) {
                it.remove();
                print(h);
            } else {
                stillWaiting.add(callId); // a call's exchanges go out in the order they came
            }
        }
    }

    @Override
    public synchronized void completed(QaExchange exchange) {
        offer(new Held(exchange, false));
    }

    @Override
    public synchronized void corrected(QaExchange exchange) {
        offer(new Held(exchange, true));
    }

    /** Prints whatever is still held, in the order it came: for the end of a run, once every stage has caught up. */
    synchronized void flush() {
        held.forEach(this::print);
        held.clear();
    }

    private void offer(Held h) {
        // Behind anything of the same call still held, so that a correction never comes before its exchange.
        boolean callWaiting = held.stream().anyMatch(w -> w.exchange().getCallId().equals(h.exchange().getCallId()));
        if (!callWaiting && ready(h.exchange())) {
            print(h);
        } else {
            held.add(h);
        }
    }

    private boolean ready(QaExchange x) {
        int last = Stream.concat(x.getQuestionTurns().stream(), x.getAnswerTurns().stream())
                .mapToInt(Integer::intValue).max().orElse(-1);
        return lastTurnPrinted.getOrDefault(x.getCallId(), -1) >= last;
    }

    private void print(Held h) {
        if (h.correction()) {
            exchanges.corrected(h.exchange());
        } else {
            exchanges.completed(h.exchange());
        }
    }
}
