package io.callstream.deploy.demo;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a demo run printed, line by line, told apart as {@link TurnPrinter} and {@link ExchangePrinter} print them:
 * a turn line starts with its turn index, an exchange line with {@link ExchangePrinter#MARK} and its index.
 */
record PrintedRun(List<String> lines) {

    private static final Pattern TURN = Pattern.compile("^\\s*(\\d+)  ");
    private static final Pattern EXCHANGE = Pattern.compile("^\\s*" + Pattern.quote(ExchangePrinter.MARK) + "  #(\\d+)\\s");
    private static final String CORRECTION = " corrected (version ";

    PrintedRun {
        lines = List.copyOf(lines);
    }

    static PrintedRun of(String output) {
        return new PrintedRun(output.lines().toList());
    }

    /** The index of each turn printed, in print order. */
    List<Integer> turnIndexes() {
        return lines.stream().map(TURN::matcher).filter(Matcher::find).map(m -> Integer.parseInt(m.group(1))).toList();
    }

    /** The index of each exchange printed whole (corrections left out), in print order. */
    List<Integer> exchangeIndexes() {
        return lines.stream().filter(l -> !l.contains(CORRECTION)).map(EXCHANGE::matcher).filter(Matcher::find)
                .map(m -> Integer.parseInt(m.group(1))).toList();
    }

    /** How many alert lines were printed ({@link AlertPrinter}). */
    long alertCount() {
        return lines.stream().filter(l -> l.startsWith(AlertPrinter.MARK)).count();
    }

    /** Where the first whole exchange line is, or -1. */
    int firstExchangeLine() {
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).contains(CORRECTION) && EXCHANGE.matcher(lines.get(i)).find()) {
                return i;
            }
        }
        return -1;
    }

    /** Where the last turn line is, or -1. */
    int lastTurnLine() {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (TURN.matcher(lines.get(i)).find()) {
                return i;
            }
        }
        return -1;
    }
}
