package io.callstream.schemas.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A slow-client attack ("slowloris") on a server of this machine, for tests: {@code count} connections to
 * 127.0.0.1 that each send the same request one byte per {@code pace}, never faster, and notice when the server
 * closes them. Bounded: a fixed number of plain sockets, one daemon thread, and it stops sending when the request
 * is out or {@link #close()} is called.
 */
public final class SlowClients implements AutoCloseable {

    /** Headers that never end within a test: a long header line trickled out a byte at a time. */
    public static String unfinishedHeaders(String method, String path) {
        return method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + "z".repeat(10_000);
    }

    private final List<Socket> sockets;
    private final byte[] trickled;
    private final AtomicInteger next = new AtomicInteger();
    private final Set<Socket> closedByServer = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "slow-clients");
        thread.setDaemon(true);
        return thread;
    });

    private SlowClients(List<Socket> sockets, byte[] trickled) {
        this.sockets = sockets;
        this.trickled = trickled;
    }

    /** Connections that send all of {@code request} a byte at a time; the first byte goes before this returns. */
    public static SlowClients trickle(int port, int count, String request, Duration pace) {
        return open(port, count, "", request, pace);
    }

    /**
     * Connections that send {@code head} at once (the request line and headers, declaring a body), then the body a
     * byte at a time.
     */
    public static SlowClients trickleBody(int port, int count, String head, String body, Duration pace) {
        return open(port, count, head, body, pace);
    }

    private static SlowClients open(int port, int count, String head, String trickled, Duration pace) {
        List<Socket> sockets = new ArrayList<>();
        SlowClients clients = new SlowClients(sockets, trickled.getBytes(StandardCharsets.US_ASCII));
        try {
            for (int i = 0; i < count; i++) {
                Socket socket = new Socket();
                sockets.add(socket);
                socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
                // The tick only polls for the server's close, so each poll must not wait.
                socket.setSoTimeout(1);
                if (!head.isEmpty()) {
                    socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
                    socket.getOutputStream().flush();
                }
            }
        } catch (IOException e) {
            clients.close();
            throw new UncheckedIOException("Could not open slow connection " + (sockets.size()) + " of " + count, e);
        }
        clients.tick();
        clients.ticker.scheduleAtFixedRate(clients::tick, pace.toMillis(), pace.toMillis(), TimeUnit.MILLISECONDS);
        return clients;
    }

    /** Sends every open connection its next byte, and notes which ones the server closed. */
    private void tick() {
        int index = next.getAndIncrement();
        for (Socket socket : sockets) {
            if (closedByServer.contains(socket)) {
                continue;
            }
            if (peerClosed(socket)) {
                closedByServer.add(socket);
                continue;
            }
            if (index < trickled.length) {
                try {
                    socket.getOutputStream().write(trickled[index]);
                    socket.getOutputStream().flush();
                } catch (IOException e) {
                    closedByServer.add(socket);
                }
            }
        }
    }

    /** True once the server has closed (FIN or reset); anything it answered before closing is read past. */
    private static boolean peerClosed(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[1024];
            while (true) {
                if (in.read(buffer) == -1) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** How many of the connections the server has closed so far. */
    public int closedByServer() {
        return closedByServer.size();
    }

    public int count() {
        return sockets.size();
    }

    /** Stops sending and closes every connection still open. */
    @Override
    public void close() {
        ticker.shutdownNow();
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException e) {
                // Closing a socket the test is done with: nothing left to learn from a failure.
            }
        }
    }

    /**
     * The status of {@code GET uri}, which must come within {@code within}: fails the test, saying so, when it does
     * not (the symptom of a server whose threads the slow clients hold).
     */
    public static int statusWithin(URI uri, Duration within, String authorization) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(within).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(within).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (HttpTimeoutException e) {
            throw new AssertionError("GET " + uri + " got no answer within " + within
                    + " while slow clients were connected", e);
        } catch (IOException e) {
            throw new AssertionError("GET " + uri + " failed while slow clients were connected: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while calling " + uri, e);
        }
    }
}
