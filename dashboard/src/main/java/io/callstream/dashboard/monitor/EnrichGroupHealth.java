package io.callstream.dashboard.monitor;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.admin.DescribeStreamsGroupsOptions;
import org.apache.kafka.clients.admin.StreamsGroupDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/**
 * Whether the enrich application runs somewhere, for a process that does not run it ({@code serve}): its group
 * (the application id) has members, as the broker's group coordinator sees it. A Kafka Streams application is a
 * consumer group under the classic rebalance protocol (the default) and a streams group under the streams protocol
 * ({@code group.protocol=streams}); both are asked. Asked at most once per {@code maxAge}, each request given
 * {@code timeout}. The caller owns the {@code Admin}.
 *
 * <p>An instance that stops cleanly or crashes stays a member until its session times out (Kafka Streams does not
 * leave its group on close, so that a restart does not move its tasks): the check turns down up to
 * {@code session.timeout.ms} (10 s, as enrich sets it) after enrich died.
 */
public final class EnrichGroupHealth implements HealthCheck {

    private final Admin admin;
    private final String applicationId;
    private final Duration timeout;
    private final Recent<Result> last;

    /** Given 2 s, asked at most every 5 s. */
    public EnrichGroupHealth(Admin admin, String applicationId) {
        this(admin, applicationId, Duration.ofSeconds(2), Duration.ofSeconds(5), InstantSource.system());
    }

    public EnrichGroupHealth(Admin admin, String applicationId, Duration timeout, Duration maxAge, InstantSource clock) {
        this.admin = admin;
        this.applicationId = applicationId;
        this.timeout = timeout;
        this.last = new Recent<>(this::ask, maxAge, clock);
    }

    @Override
    public Result check() {
        return last.get();
    }

    private Result ask() {
        try {
            ConsumerGroupDescription consumers = consumerGroup();
            if (consumers != null && !consumers.members().isEmpty()) {
                return running(consumers.members().size(), consumers.groupState());
            }
            StreamsGroupDescription streams = streamsGroup();
            if (streams != null && !streams.members().isEmpty()) {
                return running(streams.members().size(), streams.groupState());
            }
            GroupState state = streams != null ? streams.groupState() : consumers != null ? consumers.groupState() : null;
            if (state == null || state == GroupState.DEAD) {
                return Result.down("no enrich instance has run with application id " + applicationId
                        + " on this cluster: start ./callstream enrich, or give serve the application id enrich runs "
                        + "with (--enrich-application-id)");
            }
            return Result.down("no enrich instance is running: group " + applicationId + " has no members (" + state
                    + "); start ./callstream enrich --application-id " + applicationId + ", or see why it stopped");
        } catch (TimeoutException e) {
            return Result.down("no answer from the broker within " + timeout.toMillis() + " ms about group "
                    + applicationId);
        } catch (ExecutionException e) {
            return Result.down("cannot ask the broker about group " + applicationId + ": " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.down("interrupted while asking the broker about group " + applicationId);
        }
    }

    private Result running(int members, GroupState state) {
        return Result.up("running: group " + applicationId + " has " + members
                + (members == 1 ? " member (" : " members (") + state + ")");
    }

    /** The classic (or consumer protocol) group; null where the broker knows no such consumer group. */
    private ConsumerGroupDescription consumerGroup() throws ExecutionException, InterruptedException, TimeoutException {
        try {
            return admin.describeConsumerGroups(List.of(applicationId),
                            new DescribeConsumerGroupsOptions().timeoutMs(timeoutMs()))
                    .describedGroups().get(applicationId).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return null;
            }
            throw e;
        }
    }

    /** The streams protocol group; null where the broker knows none (or does not offer the protocol). */
    private StreamsGroupDescription streamsGroup() throws ExecutionException, InterruptedException, TimeoutException {
        try {
            return admin.describeStreamsGroups(List.of(applicationId), new DescribeStreamsGroupsOptions().timeoutMs(timeoutMs()))
                    .describedGroups().get(applicationId).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException
                    || e.getCause() instanceof UnsupportedVersionException) {
                return null;
            }
            throw e;
        }
    }

    private int timeoutMs() {
        return Math.toIntExact(timeout.toMillis());
    }
}
