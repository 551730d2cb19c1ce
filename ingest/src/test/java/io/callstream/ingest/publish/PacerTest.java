package io.callstream.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The waits are minutes of call time against fractions of a second of test, so a slow machine cannot make an event
 * due early or late enough to change an outcome.
 */
class PacerTest {

    /** A thread of its own per wait: the common pool has one thread on two cores. */
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    private CompletableFuture<Long> waitingFor(Pacer pacer, long elapsedMs) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                pacer.awaitDue(elapsedMs);
                return System.nanoTime();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, threads);
    }

    @Test
    void sendsWhatIsAlreadyDueAtOnce() throws Exception {
        Pacer pacer = new Pacer(new Pace(1));
        pacer.start();

        waitingFor(pacer, 0).get(5, TimeUnit.SECONDS);
    }

    @Test
    void waitsForAnEventAsItsCallsClockSaysAndSendsTheRestAtOnceWhenThePaceIsRaisedToMax() throws Exception {
        Pacer pacer = new Pacer(new Pace(2));
        pacer.start();
        CompletableFuture<Long> inHalfAnHour = waitingFor(pacer, 3_600_000);
        Thread.sleep(300); // that a wait has not ended, only time can show
        assertThat(inHalfAnHour).as("an event half an hour away at 2x").isNotDone();

        long raised = System.nanoTime();
        pacer.change(Pace.MAX);

        assertThat(inHalfAnHour.get(5, TimeUnit.SECONDS) - raised).as("sent after the change").isNotNegative();
        waitingFor(pacer, 7_200_000).get(5, TimeUnit.SECONDS);
        assertThat(pacer.pace()).isEqualTo(Pace.MAX);
    }

    @Test
    void keepsTheCallTimeReachedWhenSlowedDown() throws Exception {
        // At 100x, 36 s of call time go by in 0.36 s, and every millisecond late adds 0.1 s: slowed to real time
        // after that, an event ten minutes of call time further on is still minutes away, however late the change.
        Pacer pacer = new Pacer(new Pace(100));
        pacer.start();
        waitingFor(pacer, 36_000).get(30, TimeUnit.SECONDS);

        pacer.change(new Pace(1));

        waitingFor(pacer, 36_000).get(5, TimeUnit.SECONDS); // an event of the time reached goes at once
        CompletableFuture<Long> tenMinutesOn = waitingFor(pacer, 636_000);
        Thread.sleep(300); // that a wait has not ended, only time can show
        assertThat(tenMinutesOn).as("ten minutes of call time later, at real time").isNotDone();
        pacer.change(Pace.MAX);
        tenMinutesOn.get(5, TimeUnit.SECONDS);
    }

    @Test
    void saysTheCallTimeItsClockStandsAtAndHoldsItWhenPaused() throws Exception {
        Pacer pacer = new Pacer(new Pace(100));
        assertThat(pacer.reachedMs()).as("before the start").isZero();
        long started = System.nanoTime();
        pacer.start();
        Thread.sleep(200); // wall time going by is what the clock is read against
        long reached = pacer.reachedMs();
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        assertThat(reached).as("100 times the wall time gone by").isBetween(100L * 200, 100L * elapsedMs + 100);

        pacer.change(new Pace(1_000_000));
        pacer.change(Pace.MAX);
        long held = pacer.reachedMs();
        Thread.sleep(50); // unpaced, time going by must not move it
        assertThat(pacer.reachedMs()).as("unpaced, no event sent: where the clock stood").isEqualTo(held)
                .isGreaterThanOrEqualTo(reached);
        waitingFor(pacer, held + 600_000).get(5, TimeUnit.SECONDS);
        assertThat(pacer.reachedMs()).as("unpaced, the last event sent").isEqualTo(held + 600_000);
    }
}
