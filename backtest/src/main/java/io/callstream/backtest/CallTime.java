package io.callstream.backtest;

/** Call time for people: minutes and seconds since the call began, as transcripts mark it ({@code 70:41}). */
final class CallTime {

    private CallTime() {
    }

    static String format(long ms) {
        long seconds = Math.floorDiv(ms, 1000);
        return String.format("%d:%02d", seconds / 60, seconds % 60);
    }

    /** A difference in call time, signed: {@code +1:05}, {@code -0:12}. */
    static String formatDifference(long ms) {
        return (ms < 0 ? "-" : "+") + format(Math.abs(ms));
    }
}
