package io.callstream.dashboard.monitor;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Collection;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;

/**
 * Whether the broker answers: a cluster description within {@code timeout}, asked at most once per
 * {@code maxAge} however often probes come. The caller owns the {@code Admin}.
 */
public final class BrokerHealth implements HealthCheck {

    private final Admin admin;
    private final Duration timeout;
    private final Recent<Result> last;

    /** Given 2 s, asked at most every 5 s. */
    public BrokerHealth(Admin admin) {
        this(admin, Duration.ofSeconds(2), Duration.ofSeconds(5), InstantSource.system());
    }

    public BrokerHealth(Admin admin, Duration timeout, Duration maxAge, InstantSource clock) {
        this.admin = admin;
        this.timeout = timeout;
        this.last = new Recent<>(this::ask, maxAge, clock);
    }

    @Override
    public Result check() {
        return last.get();
    }

    private Result ask() {
        try {
            DescribeClusterResult cluster = admin.describeCluster(
                    new DescribeClusterOptions().timeoutMs(Math.toIntExact(timeout.toMillis())));
            Collection<Node> nodes = cluster.nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            String id = cluster.clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return Result.up("reachable: " + nodes.size() + (nodes.size() == 1 ? " broker" : " brokers")
                    + ", cluster " + id);
        } catch (TimeoutException e) {
            return Result.down("no answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            return Result.down("unreachable: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.down("interrupted while asking the broker");
        }
    }
}
