package io.callstream.sink.jdbc;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Opens the store at start-up, waiting a bounded time for a database that is not up yet, as a running sink waits for
 * one that went away ({@code WAITING_FOR_STORE}): containers start together, and a sink that exits because its
 * database is still booting only starts a crash loop. It waits only where waiting may help
 * ({@link StoreErrors#mayComeUp}); a wrong password, a missing database or an unknown driver fails at once.
 */
public final class StoreAtStart {

    /** Opens a store once; {@link CallStore#open} where it is not a test. */
    @FunctionalInterface
    public interface Opener {
        CallStore open(String jdbcUrl) throws SQLException;
    }

    /** Hears each failed attempt that will be tried again, and when. */
    @FunctionalInterface
    public interface Waiting {
        void retrying(SQLException cause, int attempt, Duration in, Duration left);
    }

    /** Waits between attempts; {@link Thread#sleep} where it is not a test. */
    @FunctionalInterface
    public interface Pause {
        void sleep(Duration duration) throws InterruptedException;
    }

    static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
    static final Duration LONGEST_PAUSE = Duration.ofSeconds(10);

    private final Opener opener;
    private final Pause pause;
    private final LongSupplier nanoTime;

    /** @param nanoTime a monotonic clock in nanoseconds, as {@link System#nanoTime} */
    public StoreAtStart(Opener opener, Pause pause, LongSupplier nanoTime) {
        this.opener = opener;
        this.pause = pause;
        this.nanoTime = nanoTime;
    }

    /** The real store, waiting with {@link Thread#sleep}. */
    public static StoreAtStart real() {
        // A back-off between attempts, not a wait for a condition: nothing tells when a database has come up.
        return new StoreAtStart(CallStore::open, duration -> TimeUnit.NANOSECONDS.sleep(duration.toNanos()),
                System::nanoTime);
    }

    /**
     * The store at {@code jdbcUrl}, tried again with a doubling pause (1 s up to 10 s) for as long as it may come up
     * and {@code patience} lasts (zero: once). The patience counts the attempts' own time too: no attempt starts
     * once it is spent, and the last may run past it for as long as the driver takes to fail (for PostgreSQL about
     * 10 s at most unless the URL says: {@link CallStore#openingProperties}).
     *
     * @throws SQLException the last attempt's, where the store did not open in time or cannot open at all
     */
    public CallStore open(String jdbcUrl, Duration patience, Waiting waiting) throws SQLException, InterruptedException {
        // A patience of centuries is no patience to overflow on: a deadline past the clock's wrap still reads right
        // as deadline minus now, which wraps back.
        long deadline = nanoTime.getAsLong()
                + (patience.getSeconds() >= Long.MAX_VALUE / 1_000_000_000L ? Long.MAX_VALUE : patience.toNanos());
        Duration next = FIRST_PAUSE;
        for (int attempt = 1; ; attempt++) {
            try {
                return opener.open(jdbcUrl);
            } catch (SQLException e) {
                if (Thread.interrupted()) {
                    // PostgreSQL's driver waits for a login on a thread of its own and reports an interrupt of that
                    // wait as an SQLException (XX000), the flag set again: a stop, not a store that failed.
                    InterruptedException stopped = new InterruptedException("interrupted while opening the store");
                    stopped.addSuppressed(e);
                    throw stopped;
                }
                Duration left = Duration.ofNanos(Math.max(0, deadline - nanoTime.getAsLong()));
                if (left.isZero() || !mayComeUp(jdbcUrl, e)) {
                    throw e;
                }
                Duration in = next.compareTo(left) < 0 ? next : left;
                waiting.retrying(e, attempt, in, left.minus(in));
                pause.sleep(in);
                next = next.multipliedBy(2).compareTo(LONGEST_PAUSE) < 0 ? next.multipliedBy(2) : LONGEST_PAUSE;
            }
        }
    }

    /** A driver that knows the URL, and an error that says the server is not there yet. */
    private static boolean mayComeUp(String jdbcUrl, SQLException e) {
        try {
            DriverManager.getDriver(jdbcUrl);
        } catch (SQLException noDriver) {
            return false; // DriverManager says "No suitable driver" with state 08001 too
        }
        return StoreErrors.mayComeUp(e);
    }
}
