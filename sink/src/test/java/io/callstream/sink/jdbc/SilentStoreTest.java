package io.callstream.sink.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A PostgreSQL URL whose server takes the connection and never answers (a pooler holding it while its database
 * restarts): opening the store gives up after the login timeout, with an error the start-up wait tries again, instead
 * of hanging the sink's start for good. Integration: it waits that timeout out (10 s).
 */
@Tag("integration")
class SilentStoreTest {

    @Test
    void aServerThatNeverAnswersFailsTheOpenWithinTheLoginTimeoutAsOneThatMayComeUp() throws Exception {
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept()); // taken, never read from or written to
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            }, "silent-store");
            acceptor.setDaemon(true);
            acceptor.start();
            String url = "jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/test?user=postgres";

            SQLException e = assertTimeoutPreemptively(Duration.ofSeconds(40),
                    () -> catchThrowableOfType(SQLException.class, () -> CallStore.open(url)),
                    "the open hangs on a silent server");

            assertThat((Throwable) e).as("the open fails").isNotNull();
            assertThat(StoreErrors.mayComeUp(e)).as("%s (%s) is worth waiting for", e, e.getSQLState()).isTrue();
            assertThat(held).as("the server took the connection").isNotEmpty();
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }
}
