package io.callstream.ingest.http;

import com.sun.net.httpserver.HttpHandler;
import java.time.Duration;

/**
 * Lets requests through until the server closes, and lets the close wait for those in flight. Why not
 * {@code HttpServer.stop(delay)}: on Java 17 it waits the whole delay even when no request is in flight, and
 * a request in flight may be waiting for Kafka's acknowledgement, which its client must still hear of.
 */
final class RequestGate {

    private int inFlight;
    private boolean closing;

    HttpHandler guard(HttpHandler handler) {
        return exchange -> {
            if (!enter()) {
                try (exchange) {
                    JsonAnswer.error(503, "The server is shutting down; resend the request in a moment or to"
                            + " another instance.").withHeader("Connection", "close").send(exchange);
                }
                return;
            }
            try {
                handler.handle(exchange);
            } finally {
                exit();
            }
        };
    }

    private synchronized boolean enter() {
        if (closing) {
            return false;
        }
        inFlight++;
        return true;
    }

    private synchronized void exit() {
        inFlight--;
        notifyAll();
    }

    /** Refuses new requests from now on and waits until none is in flight; false if the wait timed out. */
    synchronized boolean closeAndAwaitIdle(Duration timeout) throws InterruptedException {
        closing = true;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight > 0) {
            long leftMs = (deadline - System.nanoTime()) / 1_000_000;
            if (leftMs <= 0) {
                return false;
            }
            wait(leftMs);
        }
        return true;
    }
}
