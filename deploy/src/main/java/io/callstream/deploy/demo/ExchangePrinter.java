package io.callstream.deploy.demo;

import java.io.PrintStream;
import java.util.stream.Collectors;

import io.callstream.avro.QaExchange;
import io.callstream.avro.Speaker;

/**
 * Prints each question-answer exchange as it completes, among the turns: who asked, for which firm, who answered,
 * and whether they declined. A correction of an exchange already printed gets one short line, not the whole
 * exchange again, so the exchange stays printed once.
 */
final class ExchangePrinter implements FinalExchanges.Listener {

    /** What an exchange line shows in the turns' first column, where a turn shows its index. */
    static final String MARK = "Q&A";

    private final PrintStream out;

    ExchangePrinter(PrintStream out) {
        this.out = out;
    }

    @Override
    public void completed(QaExchange x) {
        Speaker analyst = x.getAnalyst();
        String who = analyst.getName() != null ? analyst.getName() : analyst.getLabel() != null ? analyst.getLabel() : "(unnamed)";
        String firm = analyst.getAffiliation() == null ? "" : " (" + analyst.getAffiliation() + ")";
        String answeredBy = x.getAnsweredBy().stream()
                .map(s -> s.getName() != null ? s.getName() : String.valueOf(s.getLabel()))
                .collect(Collectors.joining(", "));
        out.printf("%4s  %-9s %s%s; answered by %s%s%n", MARK, "#" + x.getExchangeIndex(), who, firm,
                answeredBy.isEmpty() ? "no one" : answeredBy,
                x.getDeclined() ? "; DECLINED: \"" + x.getDeclineEvidence().getText() + "\"" : "");
    }

    @Override
    public void corrected(QaExchange x) {
        out.printf("%4s  %-9s corrected (version %d)%n", MARK, "#" + x.getExchangeIndex(), x.getVersion());
    }
}
