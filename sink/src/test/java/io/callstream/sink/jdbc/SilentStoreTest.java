package io.callstream.sink.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.sql.SQLException;
import java.time.Duration;

import io.callstream.sink.testing.TcpProxy;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A PostgreSQL URL whose server takes the connection and never answers (a pooler holding it while its database
 * restarts): opening the store gives up within the login timeout, with an error the start-up wait tries again,
 * instead of hanging the sink's start for good. Integration: it waits a time-out out (5 or 10 s).
 */
@Tag("integration")
class SilentStoreTest {

    @Test
    void aServerThatNeverAnswersFailsTheOpenWithinTheLoginTimeoutAsOneThatMayComeUp() {
        // Silent from its first connection: nothing is relayed, so the upstream it names is never reached.
        try (TcpProxy silent = new TcpProxy("127.0.0.1", 1)) {
            silent.silenceAfter(0);
            String url = "jdbc:postgresql://127.0.0.1:" + silent.port() + "/test?user=postgres";

            long started = System.nanoTime();
            SQLException e = assertTimeoutPreemptively(Duration.ofSeconds(40),
                    () -> catchThrowableOfType(SQLException.class, () -> CallStore.open(url)),
                    "the open hangs on a silent server");
            Duration waited = Duration.ofNanos(System.nanoTime() - started);

            assertThat((Throwable) e).as("the open fails").isNotNull();
            assertThat(StoreErrors.mayComeUp(e)).as("%s (%s) is worth waiting for", e, e.getSQLState()).isTrue();
            // Which of the driver's bounds ends it is a race, and either is a time-out: its wait for the answer to
            // its SSL request (sslResponseTimeout, 5 s) uses up connectTimeout (5 s), so its retry without SSL has
            // the driver's floor of 1 ms to connect in. A retry that fails leaves the SSL wait's "Read timed out";
            // one that connects waits out loginTimeout (10 s, "Connection attempt timed out").
            assertThat(e.getMessage() + " " + e.getCause()).as("%s", e)
                    .containsAnyOf("Read timed out", "Connection attempt timed out");
            assertThat(waited).as("the open waited a time-out out").isGreaterThan(Duration.ofMillis(4500));
        }
    }
}
