package io.callstream.ingest.publish;

import java.util.Locale;

/**
 * How fast a recorded call is replayed: at a multiple of its own clock ({@code 1} is real time, {@code 10} ten
 * times faster) or as fast as the broker takes it ({@code max}). Pacing changes only when records are sent,
 * never their content or timestamps, so every pace yields the same output.
 */
public record Pace(double speed) {

    public static final Pace MAX = new Pace(Double.POSITIVE_INFINITY);

    public Pace {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be a positive number or 'max', not " + speed);
        }
    }

    /** Reads {@code 1}, {@code 10}, {@code 2.5}, {@code 10x} or {@code max}. */
    public static Pace parse(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        if (s.equals("max")) {
            return MAX;
        }
        if (s.endsWith("x")) {
            s = s.substring(0, s.length() - 1);
        }
        try {
            return new Pace(Double.parseDouble(s));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--speed takes a number such as 1 or 10, or 'max'; got '" + text + "'");
        }
    }

    public boolean unpaced() {
        return Double.isInfinite(speed);
    }

    /** Wall-clock milliseconds after the replay's start at which an event {@code elapsedMs} into its call is due. */
    public long dueAfterMs(long elapsedMs) {
        return unpaced() ? 0 : Math.round(elapsedMs / speed);
    }

    @Override
    public String toString() {
        return unpaced() ? "max" : (speed == Math.rint(speed) ? String.valueOf((long) speed) : String.valueOf(speed)) + "x";
    }
}
