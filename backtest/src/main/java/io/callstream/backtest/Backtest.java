package io.callstream.backtest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;


/**
 * Runs every call of a corpus through enrich in this process, once per rule set, on {@code jobs} worker threads.
 * Each worker owns one engine per rule set and takes the next call when it is done with one, longest calls first so
 * that the last call to finish is a short one. Calls are independent (all state is keyed by call id) and both engines
 * are deterministic, so neither the number of workers nor the order changes any call's outputs: each is what a fresh
 * topology gives for that call alone.
 */
public final class Backtest {

    /**
     * How the calls are run. Both give the same outputs: InMemoryEngineEquivalenceTest and bench/run digest hold them
     * to it.
     */
    public enum Engine {
        /** Enrich's processors on in-memory state ({@link InMemoryCalls}): the default, many times faster. */
        IN_MEMORY,
        /** The enrich topology in TopologyTestDriver, one per worker reused across calls ({@link ReusedEnrich}). */
        TOPOLOGY_TEST_DRIVER,
        /** As {@link #TOPOLOGY_TEST_DRIVER} with in-memory stores instead of RocksDB: a rung of the benchmark's ladder. */
        TOPOLOGY_TEST_DRIVER_IN_MEMORY_STORES
    }

    /** Hears of each call as it finishes, on the thread that called {@link #run}. */
    public interface Listener {
        void finished(CorpusCall call, boolean succeeded);
    }

    /**
     * @param reports        each call's report, in corpus order
     * @param failed         calls the topology could not run (an error in the topology, not in the input)
     * @param driversStarted drivers started over the run, all rule sets and workers together
     */
    public record Run(List<CallReport> reports, List<Corpus.Skipped> failed, int driversStarted, Duration elapsed) {
        public Run {
            reports = List.copyOf(reports);
            failed = List.copyOf(failed);
        }
    }

    private final List<RuleSet> ruleSets;
    private final int jobs;
    private final Engine engine;
    private final int callsPerDriver;

    public Backtest(List<RuleSet> ruleSets, int jobs) {
        this(ruleSets, jobs, Engine.IN_MEMORY, Integer.MAX_VALUE);
    }

    /**
     * @param callsPerDriver with {@link Engine#TOPOLOGY_TEST_DRIVER}, at most this many calls on one driver; 1 starts
     *                       a fresh driver for every call, which gives the same outputs more slowly
     */
    public Backtest(List<RuleSet> ruleSets, int jobs, Engine engine, int callsPerDriver) {
        if (ruleSets.isEmpty() || jobs < 1 || callsPerDriver < 1) {
            throw new IllegalArgumentException("a backtest needs a rule set, at least one job and one call per driver");
        }
        this.ruleSets = List.copyOf(ruleSets);
        this.jobs = jobs;
        this.engine = engine;
        this.callsPerDriver = callsPerDriver;
    }

    public List<RuleSet> ruleSets() {
        return ruleSets;
    }

    public Run run(List<CorpusCall> calls, Listener listener) throws InterruptedException {
        long start = System.nanoTime();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingLong((Integer i) -> calls.get(i).call().lines()).reversed());
        AtomicInteger next = new AtomicInteger();
        BlockingQueue<Outcome> outcomes = new LinkedBlockingQueue<>();
        int workers = Math.max(1, Math.min(jobs, calls.size()));
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            Thread thread = new Thread(() -> work(calls, order, next, outcomes), "backtest-" + (w + 1));
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        CallReport[] reports = new CallReport[calls.size()];
        List<Corpus.Skipped> failed = new ArrayList<>();
        int drivers = 0;
        try {
            int done = 0;
            int stopped = 0;
            while (done < calls.size() || stopped < workers) {
                Outcome outcome = outcomes.take();
                if (outcome instanceof Outcome.Stopped worker) {
                    stopped++;
                    drivers += worker.driversStarted();
                    if (worker.fatal() != null) {
                        throw new IllegalStateException("a backtest worker stopped: " + worker.fatal(), worker.fatal());
                    }
                    continue;
                }
                done++;
                if (outcome instanceof Outcome.Done d) {
                    reports[d.index()] = d.report();
                    listener.finished(calls.get(d.index()), true);
                } else if (outcome instanceof Outcome.Failed f) {
                    CorpusCall call = calls.get(f.index());
                    failed.add(new Corpus.Skipped(call.file(), "call " + call.callId() + " failed in the topology: "
                            + f.error() + " (run it alone with 'callstream evaluate' or 'demo --input' to see more)"));
                    listener.finished(call, false);
                }
            }
        } finally {
            next.set(calls.size()); // stops the workers early when this thread gives up
            for (Thread thread : threads) {
                thread.join();
            }
        }
        List<CallReport> inOrder = new ArrayList<>();
        for (CallReport report : reports) {
            if (report != null) {
                inOrder.add(report);
            }
        }
        return new Run(inOrder, failed, drivers, Duration.ofNanos(System.nanoTime() - start));
    }

    /** One worker: its drivers, one per rule set, serve call after call until none is left. */
    private void work(List<CorpusCall> calls, List<Integer> order, AtomicInteger next, BlockingQueue<Outcome> out) {
        Map<String, CallEnricher> enrich = new LinkedHashMap<>();
        Throwable fatal = null;
        try {
            ruleSets.forEach(r -> enrich.put(r.label(), engine == Engine.IN_MEMORY ? new InMemoryCalls(r.options())
                    : new ReusedEnrich(r.options(), callsPerDriver, engine == Engine.TOPOLOGY_TEST_DRIVER)));
            int i;
            while ((i = next.getAndIncrement()) < order.size()) {
                int index = order.get(i);
                CorpusCall call = calls.get(index);
                try {
                    Map<String, CallReport.Tally> tallies = new LinkedHashMap<>();
                    enrich.forEach((label, e) -> tallies.put(label,
                            e.run(call.callId(), call.call().events(), CallReport.Tally::new)));
                    out.add(new Outcome.Done(index, CallReport.of(call, tallies)));
                } catch (RuntimeException e) {
                    // The topology dead-letters bad records itself; an exception here is a fault in it or in the
                    // driver. The call is reported and the others go on.
                    out.add(new Outcome.Failed(index, e.toString()));
                }
            }
        } catch (Throwable e) {
            fatal = e;
        } finally {
            int started = 0;
            for (CallEnricher e : enrich.values()) {
                started += e.driversStarted();
                e.close();
            }
            out.add(new Outcome.Stopped(started, fatal));
        }
    }

    /** What a worker hands back: a call done, a call failed, or the worker itself stopping. */
    private sealed interface Outcome {
        record Done(int index, CallReport report) implements Outcome {
        }

        record Failed(int index, String error) implements Outcome {
        }

        record Stopped(int driversStarted, Throwable fatal) implements Outcome {
        }
    }
}
