package io.callstream.deploy.demo;

import java.util.function.Consumer;

import io.callstream.avro.QaExchange;
import io.callstream.avro.Status;
import io.callstream.schemas.versions.LatestVersions;

/**
 * Tells its listener of each exchange once, when its first FINAL version arrives; a later FINAL version of the same
 * exchange is a correction. PARTIAL versions are not told: an exchange is news once it is complete.
 */
final class FinalExchanges implements Consumer<QaExchange> {

    /** Hears of exchanges as they complete; called on the feed's thread. */
    interface Listener {

        /** Tells nothing, for a run that prints nothing. */
        Listener NONE = new Listener() {
            @Override
            public void completed(QaExchange exchange) {
            }

            @Override
            public void corrected(QaExchange exchange) {
            }
        };

        /** The first FINAL version of an exchange. */
        void completed(QaExchange exchange);

        /** A FINAL version of an exchange already completed, with a higher version than any before it. */
        void corrected(QaExchange exchange);
    }

    private final Listener listener;
    /** The highest FINAL version seen of each exchange, by exchangeId. */
    private final LatestVersions<String, QaExchange> finals = LatestVersions.concurrent(QaExchange::getVersion);

    FinalExchanges(Listener listener) {
        this.listener = listener;
    }

    @Override
    public void accept(QaExchange exchange) {
        if (exchange.getStatus() != Status.FINAL) {
            return;
        }
        boolean first = finals.get(exchange.getExchangeId()) == null;
        if (finals.offer(exchange.getExchangeId(), exchange)) {
            if (first) {
                listener.completed(exchange);
            } else {
                listener.corrected(exchange);
            }
        }
    }

    /** Distinct exchanges completed so far. */
    long completed() {
        return finals.size();
    }
}
