package io.callstream.deploy.demo;

import java.io.PrintStream;
import java.util.function.Consumer;

import io.callstream.avro.Alert;
import io.callstream.avro.Speaker;

/** Prints an alert the moment it fires: severity, rule, where in the call, who, and the words that fired it. */
final class AlertPrinter implements Consumer<Alert> {

    /** How an alert line starts. */
    static final String MARK = "  >>> ALERT";

    private final PrintStream out;

    AlertPrinter(PrintStream out) {
        this.out = out;
    }

    @Override
    public void accept(Alert a) {
        long seconds = a.getCallOffsetMs() / 1000;
        Speaker s = a.getSpeaker();
        String who = s.getName() != null ? s.getName() : s.getLabel() != null ? s.getLabel() : "unknown speaker";
        out.printf(MARK + " %-6s %s  turn %d (%s, line seq %d), %d:%02d, %s (%s): \"%s\"%n", a.getSeverity(),
                a.getRuleId(), a.getTurnIndex(), a.getTurnStatus(), a.getKnownAtSeq(), seconds / 60, seconds % 60, who,
                s.getRole(), a.getExcerpt());
    }
}
