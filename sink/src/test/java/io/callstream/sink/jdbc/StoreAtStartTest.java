package io.callstream.sink.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreAtStartTest {

    private static final String POSTGRES = "jdbc:postgresql://db:5432/callstream?user=sink";
    private static final SQLException REFUSED = new SQLException("Connection to db:5432 refused.", "08001");
    private static final SQLException STARTING = new SQLException("the database system is starting up", "57P03");
    private static final SQLException LOST = new SQLException("An I/O error occurred while sending to the backend.",
            "08006");
    private static final SQLException CROWDED = new SQLException("sorry, too many clients already", "53300");

    private final List<Duration> slept = new ArrayList<>();
    private final List<String> heard = new ArrayList<>();
    private int attempts;
    /** The clock the waits read: moved on by each pause, and by each attempt by {@link #attemptTakes}. */
    private long now;
    private Duration attemptTakes = Duration.ZERO;

    @TempDir
    Path dir;

    @AfterEach
    void clearsAnInterruptATestLeft() {
        Thread.interrupted(); // a failed interrupt test must not interrupt the tests after it on this thread
    }

    @Test
    void triesAgainWithADoublingPauseUntilTheDatabaseAnswers() throws Exception {
        StoreAtStart opening = new StoreAtStart(failing(4, REFUSED, STARTING, LOST, CROWDED), this::sleep, () -> now);

        try (CallStore store = opening.open(POSTGRES, Duration.ofSeconds(60), this::hear)) {
            assertThat(store).isNotNull();
        }

        assertThat(attempts).isEqualTo(5);
        assertThat(slept).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(8));
        assertThat(heard).containsExactly("08001 #1 in 1 s, 59 s left", "57P03 #2 in 2 s, 57 s left",
                "08006 #3 in 4 s, 53 s left", "53300 #4 in 8 s, 45 s left");
    }

    @Test
    void pausesNoLongerThanTenSecondsNorBeyondItsPatienceThenGivesUpWithTheLastReason() {
        StoreAtStart opening = new StoreAtStart(failing(100, REFUSED), this::sleep, () -> now);

        assertThatThrownBy(() -> opening.open(POSTGRES, Duration.ofSeconds(30), this::hear)).isSameAs(REFUSED);

        assertThat(slept).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(8), Duration.ofSeconds(10), Duration.ofSeconds(5));
        assertThat(slept.stream().mapToLong(Duration::toSeconds).sum()).isEqualTo(30);
        assertThat(attempts).isEqualTo(7);
    }

    @Test
    void countsTheAttemptsOwnTimeAgainstItsPatience() {
        attemptTakes = Duration.ofSeconds(12); // a server that takes connections and never answers: the login timeout
        StoreAtStart opening = new StoreAtStart(failing(100, REFUSED), this::sleep, () -> now);

        assertThatThrownBy(() -> opening.open(POSTGRES, Duration.ofSeconds(30), this::hear)).isSameAs(REFUSED);

        assertThat(attempts).isEqualTo(3);
        assertThat(slept).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(heard).containsExactly("08001 #1 in 1 s, 17 s left", "08001 #2 in 2 s, 3 s left");
        assertThat(Duration.ofNanos(now)).as("given up once the patience was spent, not after it and its attempts")
                .isEqualTo(Duration.ofSeconds(39));
    }

    @Test
    void aWrongOrMissingPasswordAMissingDatabaseOrAnotherServiceOnThePortFailsAtOnce() {
        for (SQLException wrong : List.of(new SQLException("password authentication failed", "28P01"),
                new SQLException("The server requested SCRAM-based authentication, but no password was provided.",
                        "08004"),
                new SQLException("database \"callstream\" does not exist", "3D000"),
                new SQLException("Protocol error.  Session setup failed.", "08P01"))) {
            attempts = 0;
            StoreAtStart opening = new StoreAtStart(failing(1, wrong), this::sleep, () -> now);

            assertThatThrownBy(() -> opening.open(POSTGRES, Duration.ofSeconds(60), this::hear)).isSameAs(wrong);
            assertThat(attempts).isOne();
        }
        assertThat(slept).isEmpty();
    }

    @Test
    void aUrlNoDriverKnowsFailsAtOnceThoughTheDriverManagerCallsItAConnectionError() {
        StoreAtStart opening = new StoreAtStart(failing(1, new SQLException("No suitable driver", "08001")),
                this::sleep, () -> now);

        assertThatThrownBy(() -> opening.open("jdbc:nosuchdriver://db/callstream", Duration.ofSeconds(60), this::hear))
                .hasMessage("No suitable driver");
        assertThat(attempts).isOne();
        assertThat(slept).isEmpty();
    }

    @Test
    void anInterruptTheDriverReportsAsAnSqlExceptionIsAStop() {
        SQLException interrupted = new SQLException("Something unusual has occurred to cause the driver to fail.",
                "XX000");
        StoreAtStart opening = new StoreAtStart(url -> {
            attempts++;
            Thread.currentThread().interrupt(); // as pgjdbc leaves it, its connecting thread's wait interrupted
            throw interrupted;
        }, this::sleep, () -> now);

        assertThatThrownBy(() -> opening.open(POSTGRES, Duration.ofSeconds(60), this::hear))
                .isInstanceOf(InterruptedException.class).hasSuppressedException(interrupted);
        assertThat(Thread.interrupted()).as("the flag cleared, as with any InterruptedException").isFalse();
        assertThat(attempts).isOne();
        assertThat(slept).isEmpty();
    }

    @Test
    void aPatienceTooLongForTheClockWaitsAsLongAsItTakes() throws Exception {
        StoreAtStart opening = new StoreAtStart(failing(2, REFUSED), this::sleep, () -> now);

        try (CallStore store = opening.open(POSTGRES, Duration.ofSeconds(Long.MAX_VALUE), this::hear)) {
            assertThat(store).isNotNull();
        }

        assertThat(attempts).isEqualTo(3);
        assertThat(slept).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void noPatienceTriesOnce() {
        StoreAtStart opening = new StoreAtStart(failing(1, REFUSED), this::sleep, () -> now);

        assertThatThrownBy(() -> opening.open(POSTGRES, Duration.ZERO, this::hear)).isSameAs(REFUSED);
        assertThat(attempts).isOne();
        assertThat(heard).isEmpty();
    }

    /** Fails {@code times} times, with each error in turn, then opens a real SQLite store. */
    private StoreAtStart.Opener failing(int times, SQLException... errors) {
        return url -> {
            attempts++;
            now += attemptTakes.toNanos();
            if (attempts <= times) {
                throw errors[(attempts - 1) % errors.length];
            }
            return CallStore.open("jdbc:sqlite:" + dir.resolve("store.db"));
        };
    }

    private void sleep(Duration duration) {
        slept.add(duration);
        now += duration.toNanos();
    }

    private void hear(SQLException cause, int attempt, Duration in, Duration left) {
        heard.add(cause.getSQLState() + " #" + attempt + " in " + in.toSeconds() + " s, " + left.toSeconds() + " s left");
    }
}
