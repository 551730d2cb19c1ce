package io.callstream.enrich.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidPidMappingException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TransactionAbortedException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class StreamThreadFailuresTest {

    private static final StreamThreadExceptionResponse REPLACE_THREAD = StreamThreadExceptionResponse.REPLACE_THREAD;
    private static final StreamThreadExceptionResponse SHUTDOWN_CLIENT = StreamThreadExceptionResponse.SHUTDOWN_CLIENT;

    private final AtomicLong now = new AtomicLong();
    private final List<Throwable> replaced = new ArrayList<>();

    private StreamThreadFailures failures(int budget) {
        return new StreamThreadFailures(budget, Duration.ofMinutes(10), now::get, replaced::add);
    }

    /** What the torture suite saw: a commit after a node's kill -9, the transaction aborted by the coordinator. */
    private static StreamsException commitOfAnAbortedTransaction() {
        return new StreamsException("Error encountered trying to commit a transaction",
                new InvalidTxnStateException("The producer attempted a transactional operation in an invalid state."));
    }

    @Test
    void replacesAThreadWhoseCommitFoundItsTransactionEndedByTheBroker() {
        StreamThreadFailures failures = failures(6);
        StreamsException failure = commitOfAnAbortedTransaction();

        assertThat(failures.handle(failure)).isEqualTo(REPLACE_THREAD);
        assertThat(replaced).containsExactly(failure);
        assertThat(failures.fatal()).isEmpty();
    }

    @Test
    void replacesThreadsForEveryWayTheBrokerEndsATransaction() {
        StreamThreadFailures failures = failures(6);
        List<KafkaException> ended = List.of(new InvalidTxnStateException("state"),
                new InvalidProducerEpochException("old epoch"), new ProducerFencedException("fenced"),
                new InvalidPidMappingException("no producer id"), new TransactionAbortedException("aborted"));

        for (KafkaException e : ended) {
            assertThat(failures.handle(new StreamsException(new KafkaException(e)))).as(e.toString())
                    .isEqualTo(REPLACE_THREAD);
        }
        assertThat(failures.fatal()).isEmpty();
    }

    @Test
    void stopsOnceTheInstanceIsStoppingWhateverComesNext() {
        StreamThreadFailures failures = failures(6);
        failures.handle(new StreamsException(new IllegalStateException("a bug")));

        assertThat(failures.handle(commitOfAnAbortedTransaction())).as("another thread's failure, the instance stopping")
                .isEqualTo(SHUTDOWN_CLIENT);
        assertThat(replaced).isEmpty();
    }

    @Test
    void stopsTheInstanceOnAnyOtherFailureAndKeepsIt() {
        StreamThreadFailures failures = failures(6);
        IllegalStateException bug = new IllegalStateException("a bug in a processor");

        assertThat(failures.handle(new StreamsException(bug))).isEqualTo(SHUTDOWN_CLIENT);
        assertThat(failures.fatal()).hasValueSatisfying(f -> assertThat(f).hasCause(bug));
        assertThat(replaced).isEmpty();
    }

    @Test
    void stopsTheInstanceWhenTransactionsKeepEndingBeyondTheBudget() {
        StreamThreadFailures failures = failures(2);

        assertThat(failures.handle(commitOfAnAbortedTransaction())).isEqualTo(REPLACE_THREAD);
        now.addAndGet(Duration.ofMinutes(1).toNanos());
        assertThat(failures.handle(commitOfAnAbortedTransaction())).isEqualTo(REPLACE_THREAD);
        StreamsException third = commitOfAnAbortedTransaction();
        assertThat(failures.handle(third)).isEqualTo(SHUTDOWN_CLIENT);
        assertThat(failures.fatal()).containsSame(third);
        assertThat(replaced).hasSize(2);
    }

    @Test
    void replacementsOlderThanTheWindowNoLongerCount() {
        StreamThreadFailures failures = failures(2);
        failures.handle(commitOfAnAbortedTransaction());
        failures.handle(commitOfAnAbortedTransaction());

        now.addAndGet(Duration.ofMinutes(10).toNanos());

        assertThat(failures.handle(commitOfAnAbortedTransaction())).isEqualTo(REPLACE_THREAD);
        assertThat(failures.fatal()).isEmpty();
    }

    @Test
    void aCauseChainThatLoopsIsReadToItsBoundAndEnds() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);

        assertThat(failures(6).handle(a)).isEqualTo(SHUTDOWN_CLIENT);
    }
}
