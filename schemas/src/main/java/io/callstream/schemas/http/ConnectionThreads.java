package io.callstream.schemas.http;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The executor a JDK HttpServer runs its exchanges on, with the request timeout the JDK server lacks per server.
 *
 * <p>How the JDK server (17) works, and why this is needed: its one dispatcher thread only accepts connections and
 * waits for them to be readable; at a request's first byte it hands the connection to this executor, whose thread
 * then reads the headers, blocking, runs the handler, which reads the body, blocking. So a client that sends one
 * byte a second holds a thread for as long as it likes, and with a fixed pool a handful of them starve the server.
 * The JDK's own bound ({@code sun.net.httpserver.maxReqTime}) is read once per process, for every server, and is
 * off by default; its answer bound ({@code maxRspTime}) would cut event streams.
 *
 * <p>Here each connection being served has a thread of its own, up to {@code maxConnections} (beyond, the
 * executor refuses and the JDK closes the connection), so slow clients cannot take the threads of the others; and
 * a request not received in full within {@code requestTimeout} of its first byte has its thread interrupted. The
 * JDK reads from a blocking {@code SocketChannel}, an interruptible channel: the interrupt closes the connection
 * and the read fails, which ends the exchange. The request counts as received when its handler starts, if it has
 * no body, or when its handler has read its body to the end; from then on nothing is interrupted, however long
 * the answer takes.
 */
final class ConnectionThreads implements Executor {

    private final ThreadPoolExecutor threads;
    private final ScheduledThreadPoolExecutor timer;
    private final Duration requestTimeout;
    /** The request the current connection thread is serving, for the filter that sees it arrive. */
    private final ThreadLocal<Arrival> current = new ThreadLocal<>();

    ConnectionThreads(HttpServerLimits limits, String threadPrefix) {
        this.requestTimeout = limits.requestTimeout();
        int core = Math.min(limits.workers(), limits.maxConnections());
        // A synchronous hand-off: every exchange gets a thread now or is refused, never queued behind slow ones.
        this.threads = new ThreadPoolExecutor(core, limits.maxConnections(), 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), JdkHttpServers.daemonThreads(threadPrefix));
        this.timer = new ScheduledThreadPoolExecutor(1, JdkHttpServers.daemonThreads(threadPrefix + "timeouts-"));
        this.timer.setRemoveOnCancelPolicy(true);
    }

    @Override
    public void execute(Runnable exchange) {
        Arrival arrival = new Arrival();
        arrival.deadline = timer.schedule(arrival::expire, requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            threads.execute(() -> serve(arrival, exchange));
        } catch (RejectedExecutionException e) {
            arrival.deadline.cancel(false);
            throw e; // the JDK closes the connection
        }
    }

    private void serve(Arrival arrival, Runnable exchange) {
        arrival.bind(Thread.currentThread());
        current.set(arrival);
        try {
            exchange.run();
        } finally {
            current.remove();
            arrival.finish();
        }
    }

    /** The filter that tells when a request has arrived in full; every context of the server needs it. */
    Filter arrivalFilter() {
        return new Filter() {
            @Override
            public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
                Arrival arrival = current.get();
                if (arrival != null) {
                    long declared = declaredLength(exchange);
                    if (declared == 0) {
                        arrival.received();
                    } else {
                        exchange.setStreams(new BodyStream(exchange.getRequestBody(), arrival, declared), null);
                    }
                }
                chain.doFilter(exchange);
            }

            @Override
            public String description() {
                return "marks when a request has arrived in full, ending its request timeout";
            }
        };
    }

    /** The body's declared length; -1 when it is chunked (its end is where the stream ends), 0 when it has none. */
    private static long declaredLength(HttpExchange exchange) {
        if (exchange.getRequestHeaders().getFirst("Transfer-Encoding") != null) {
            return -1;
        }
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length == null) {
            return 0;
        }
        try {
            return Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return -1; // the JDK refuses such a request before any handler; stay with the timeout meanwhile
        }
    }

    void shutdownNow() {
        timer.shutdownNow();
        threads.shutdownNow();
    }

    /**
     * One request on its way in. The lock makes "interrupt the thread reading it" and "the thread is done with it"
     * exclusive, so an interrupt meant for a late request never reaches the next request that thread serves.
     */
    private static final class Arrival {

        private enum State { READING, RECEIVED, EXPIRED, DONE }

        private State state = State.READING;
        private Thread thread;
        private volatile ScheduledFuture<?> deadline;

        synchronized void bind(Thread reader) {
            thread = reader;
            if (state == State.EXPIRED) {
                reader.interrupt();
            }
        }

        synchronized void expire() {
            if (state == State.READING) {
                state = State.EXPIRED;
                if (thread != null) {
                    thread.interrupt();
                }
            }
        }

        synchronized void received() {
            if (state == State.READING) {
                state = State.RECEIVED;
                deadline.cancel(false);
            }
        }

        /** On the connection thread, when its exchange ends: clears an interrupt this request may have caused. */
        synchronized void finish() {
            state = State.DONE;
            thread = null;
            deadline.cancel(false);
            Thread.interrupted();
        }
    }

    /** The request body, which marks the request received at its end. */
    private static final class BodyStream extends FilterInputStream {

        private final Arrival arrival;
        private final long declared;
        private long read;

        BodyStream(InputStream body, Arrival arrival, long declared) {
            super(body);
            this.arrival = arrival;
            this.declared = declared;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            counted(b == -1 ? -1 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            counted(n);
            return n;
        }

        private void counted(int n) {
            if (n == -1) {
                arrival.received();
                return;
            }
            read += n;
            if (declared > 0 && read >= declared) {
                arrival.received();
            }
        }

        /** Closing drains what is left of the body (the JDK reads it, to reuse the connection): still timed. */
        @Override
        public void close() throws IOException {
            super.close();
            arrival.received();
        }
    }
}
