package io.callstream.dashboard.monitor;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's metrics in one Prometheus registry, served as text by {@link #scrape()} for {@code /metrics}:
 * the pipeline's own ({@link #pipeline()}) and whatever is bound to it, typically Kafka's own meters
 * ({@code KafkaStreamsMetrics}, {@code KafkaClientMetrics}) and {@link ConsumerLag}. Owns the registry and the
 * binders it was given; not the clients they watch.
 */
public final class Monitoring implements AutoCloseable {

    /** The Content-Type of {@link #scrape()}'s text (Prometheus text format 0.0.4). */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final Logger log = LoggerFactory.getLogger(Monitoring.class);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final PipelineMetrics pipeline;
    private final List<AutoCloseable> bound = new ArrayList<>();

    public Monitoring() {
        this(InstantSource.system());
    }

    /** @param clock the wall clock latencies are read on */
    public Monitoring(InstantSource clock) {
        this.pipeline = new PipelineMetrics(registry, clock);
    }

    /** Counts and times the records handed to it; feed it with a {@link PipelineFeed} or a reader of your own. */
    public PipelineMetrics pipeline() {
        return pipeline;
    }

    /** Registers a binder's meters; a binder that must be closed (Kafka's refresh their meter list on a thread) is closed with this. */
    public <B extends MeterBinder> B bind(B binder) {
        binder.bindTo(registry);
        if (binder instanceof AutoCloseable closeable) {
            synchronized (bound) {
                bound.add(closeable);
            }
        }
        return binder;
    }

    /** Every meter, in the Prometheus text format ({@link #CONTENT_TYPE}). */
    public String scrape() {
        return registry.scrape(CONTENT_TYPE);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        synchronized (bound) {
            for (AutoCloseable closeable : bound) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    log.warn("Cannot close {}: {}", closeable, e.toString());
                }
            }
            bound.clear();
        }
        registry.close();
    }
}
