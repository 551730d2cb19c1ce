package io.callstream.schemas.consume;

import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.Consumer;

/**
 * Who closes a reader's Kafka consumer: the reader's loop once it runs, or a close that comes before the loop ever
 * ran. A consumer is for one thread at a time, so a close from another thread only wakes a running loop, which
 * closes the consumer as it ends; a consumer whose loop never ran is closed by the close itself, or nothing would.
 */
public final class ConsumerOwner {

    private final Consumer<?, ?> consumer;
    private final AtomicBoolean claimed = new AtomicBoolean();

    public ConsumerOwner(Consumer<?, ?> consumer) {
        this.consumer = consumer;
    }

    /** Called by the loop as it starts: false where a close came first, and the loop must not run. */
    public boolean claimForLoop() {
        return claimed.compareAndSet(false, true);
    }

    /**
     * From any thread: closes the consumer where the loop never ran (and says so, true), else wakes the loop, which
     * closes it (false).
     */
    public boolean closeOrWake() {
        if (claimed.compareAndSet(false, true)) {
            consumer.close();
            return true;
        }
        consumer.wakeup();
        return false;
    }
}
