package io.callstream.bench;

import java.lang.management.ManagementFactory;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Lines processed and the CPU time the whole process spent on them, counted beside JMH's wall clock: on a shared
 * machine other processes stretch wall time, not the CPU time this one spends, so lines per CPU-second compares two
 * benchmarks run minutes apart more fairly than their wall-clock rates do. Process time, not the benchmark thread's:
 * it includes the collector's and the compiler's threads, and the broker's and the app's where they run here. JMH
 * reports both fields summed over the measured iterations; bench/run divides one by the other.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class CpuTime {

    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    public long lines;
    public long cpuNanos;

    @Setup(Level.Iteration)
    public void reset() {
        lines = 0;
        cpuNanos = 0;
    }

    static long processNanos() {
        return PROCESS.getProcessCpuTime();
    }

    void add(long lineCount, long nanos) {
        lines += lineCount;
        cpuNanos += nanos;
    }
}
