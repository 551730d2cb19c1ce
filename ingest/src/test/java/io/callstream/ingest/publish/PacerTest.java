package io.callstream.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The waits are minutes of call time against seconds of test, so a slow machine cannot make an event due early or
 * late enough to change an outcome.
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

        assertThat(waitingFor(pacer, 0).get(5, TimeUnit.SECONDS)).isPositive();
    }

    @Test
    void waitsForAnEventAsItsCallsClockSays() throws Exception {
        Pacer pacer = new Pacer(new Pace(1));
        pacer.start();

        CompletableFuture<Long> inAnHour = waitingFor(pacer, 3_600_000);
        Thread.sleep(300);

        assertThat(inAnHour).isNotDone();
        pacer.change(Pace.MAX); // lets the waiting thread go, so that the test leaves nothing behind
        inAnHour.get(5, TimeUnit.SECONDS);
    }

    @Test
    void sendsTheRestAtOnceWhenThePaceIsRaisedToMaxMidWait() throws Exception {
        Pacer pacer = new Pacer(new Pace(2));
        pacer.start();
        CompletableFuture<Long> inHalfAnHour = waitingFor(pacer, 3_600_000);
        Thread.sleep(200);
        assertThat(inHalfAnHour).isNotDone();

        long raised = System.nanoTime();
        pacer.change(Pace.MAX);

        assertThat(inHalfAnHour.get(5, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(raised);
        assertThat(waitingFor(pacer, 7_200_000).get(5, TimeUnit.SECONDS)).isPositive();
        assertThat(pacer.pace()).isEqualTo(Pace.MAX);
    }

    @Test
    void keepsTheCallTimeReachedWhenSlowedDown() throws Exception {
        // At 10,000x an hour of call time goes by in 0.36 s; slowed to real time, the next minute is a minute away.
        Pacer pacer = new Pacer(new Pace(10_000));
        pacer.start();
        waitingFor(pacer, 3_600_000).get(30, TimeUnit.SECONDS);

        pacer.change(new Pace(1));

        assertThat(waitingFor(pacer, 3_600_000).get(5, TimeUnit.SECONDS)).as("an event of the time reached").isPositive();
        CompletableFuture<Long> aMinuteOn = waitingFor(pacer, 3_660_000);
        Thread.sleep(300);
        assertThat(aMinuteOn).as("a minute of call time later, at real time").isNotDone();
        pacer.change(Pace.MAX);
        aMinuteOn.get(5, TimeUnit.SECONDS);
    }
}
