package io.callstream.sink.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP relay between a client and a real server that a test can cut: every open connection is reset and new ones
 * are refused until it is restored. The client sees what it would see of a database that went away.
 */
public final class TcpProxy implements AutoCloseable {

    private final ServerSocket server;
    private final String upstreamHost;
    private final int upstreamPort;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile boolean cut;
    /** Connections accepted so far, and how many are relayed before the rest are held silent. */
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile int relayedBeforeSilence = Integer.MAX_VALUE;

    public TcpProxy(String upstreamHost, int upstreamPort) {
        this.upstreamHost = upstreamHost;
        this.upstreamPort = upstreamPort;
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::accept, "tcp-proxy-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A relay to the server a JDBC URL names ({@code //host:port/}), PostgreSQL's in the tests. */
    public static TcpProxy toServerOf(String jdbcUrl) {
        Matcher server = serverOf(jdbcUrl);
        return new TcpProxy(server.group(1), Integer.parseInt(server.group(2)));
    }

    /** {@code jdbcUrl}, its server this relay instead: the same database, user and options, reached through it. */
    public String relayed(String jdbcUrl) {
        Matcher server = serverOf(jdbcUrl);
        return jdbcUrl.substring(0, server.start()) + "//127.0.0.1:" + port() + "/" + jdbcUrl.substring(server.end());
    }

    private static Matcher serverOf(String jdbcUrl) {
        Matcher server = SERVER.matcher(jdbcUrl);
        if (!server.find()) {
            throw new IllegalArgumentException("no //host:port/ in " + jdbcUrl + " to relay");
        }
        return server;
    }

    private static final Pattern SERVER = Pattern.compile("//([^/:?]+):(\\d+)/");

    public int port() {
        return server.getLocalPort();
    }

    /** Resets every open connection and refuses new ones until {@link #restore()}. */
    public void cut() {
        cut = true;
        for (Socket s : open) {
            closeQuietly(s);
        }
        open.clear();
    }

    /**
     * Relays the next {@code connections} new connections, then takes every later one and never answers it, as a
     * pooler does while it queues clients for a database that is restarting, until {@link #restore()}.
     */
    public void silenceAfter(int connections) {
        relayedBeforeSilence = accepted.get() + connections;
    }

    public void restore() {
        cut = false;
        relayedBeforeSilence = Integer.MAX_VALUE;
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            if (cut) {
                closeQuietly(client);
                continue;
            }
            if (accepted.getAndIncrement() >= relayedBeforeSilence) {
                open.add(client); // held: nothing read from it, nothing written to it, until cut or closed
                continue;
            }
            try {
                Socket upstream = new Socket();
                upstream.connect(new InetSocketAddress(upstreamHost, upstreamPort), 3000);
                open.add(client);
                open.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // The other side closed, or cut() reset it: end this direction.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "tcp-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            // Linger 0: the peer gets a reset, as when a server dies, rather than an orderly close.
            s.setSoLinger(true, 0);
            s.close();
        } catch (IOException ignored) {
            // Already closed.
        }
    }

    @Override
    public void close() {
        cut();
        try {
            server.close();
        } catch (IOException ignored) {
            // Nothing left to release.
        }
    }
}
