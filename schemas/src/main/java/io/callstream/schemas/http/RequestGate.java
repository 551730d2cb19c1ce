package io.callstream.schemas.http;

import java.time.Duration;

import com.sun.net.httpserver.HttpHandler;

/**
 * Lets requests through until the server closes, and lets the close wait for those in flight. Why not
 * {@code HttpServer.stop(delay)}: on Java 17 it waits the whole delay even when no request is in flight, and cuts off
 * a request still in flight once the delay is over, whose client must still hear how it ended (the ingest endpoint's
 * may be waiting for Kafka's acknowledgement, a webhook receiver's may be acting on an alert).
 */
public final class RequestGate {

    private int inFlight;
    private boolean closing;

    /**
     * {@code handler}, once the gate has let the request in; from the close on, {@code refusal} answers instead (a
     * 503 that says to send again, with {@code Connection: close}).
     */
    public HttpHandler guard(HttpHandler handler, HttpHandler refusal) {
        return exchange -> {
            if (!enter()) {
                try (exchange) {
                    refusal.handle(exchange);
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

    /** Whether {@link #closeAndAwaitIdle} has begun: new requests are refused. */
    public synchronized boolean closing() {
        return closing;
    }

    /** Refuses new requests from now on and waits until none is in flight; false if the wait timed out. */
    public synchronized boolean closeAndAwaitIdle(Duration timeout) throws InterruptedException {
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
