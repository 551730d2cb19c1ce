package io.callstream.schemas.http;

import java.util.concurrent.Semaphore;

/**
 * A bounded worker pool for requests once they are received: at most {@code workers} do their work at once, at
 * most {@code queue} wait for a turn, and the rest are refused at once, for the server to answer 503. Requests
 * wait on the thread of their connection, which {@link HttpServerLimits#maxConnections()} bounds.
 *
 * <p>Handlers enter after reading the request body, not before: a client that sends its body slowly then holds
 * its own connection's thread (until {@link HttpServerLimits#requestTimeout()}) and never a worker, so slow
 * clients cannot starve the requests that have arrived.
 */
public final class Workers {

    private final Semaphore admitted;
    private final Semaphore running;

    public Workers(int workers, int queue) {
        this.admitted = new Semaphore(workers + queue);
        this.running = new Semaphore(workers, true);
    }

    /**
     * Waits for a worker; false at once when {@code queue} requests are already waiting. After true, call
     * {@link #exit()} when the work is done.
     */
    public boolean enter() throws InterruptedException {
        if (!admitted.tryAcquire()) {
            return false;
        }
        try {
            running.acquire();
            return true;
        } catch (InterruptedException e) {
            admitted.release();
            throw e;
        }
    }

    public void exit() {
        running.release();
        admitted.release();
    }
}
