package io.callstream.enrich.tags;

import java.util.Random;

/** A random source for fuzz tests whose seed is printed, so a failure can be run again with {@code -Dcallstream.seed}. */
final class SeededRandom {

    private SeededRandom() {
    }

    /** Seeded from {@code -Dcallstream.seed} when given, else from the clock; {@code test} names it in the output. */
    static Random of(String test) {
        long seed = Long.getLong("callstream.seed", System.nanoTime());
        System.out.println(test + " seed " + seed + " (rerun with -Dcallstream.seed=" + seed + ")");
        return new Random(seed);
    }
}
