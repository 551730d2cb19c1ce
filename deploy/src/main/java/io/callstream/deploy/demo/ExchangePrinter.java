package io.callstream.deploy.demo;

import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;

import io.callstream.avro.QaExchange;
import io.callstream.avro.Speaker;

/** Prints each question-answer exchange: who asked, for which firm, who answered, and whether they declined. */
final class ExchangePrinter {

    private final PrintStream out;

    ExchangePrinter(PrintStream out) {
        this.out = out;
    }

    void print(List<QaExchange> exchanges) {
        out.printf("%nQUESTIONS AND ANSWERS (%d)%n", exchanges.size());
        for (QaExchange x : exchanges) {
            Speaker analyst = x.getAnalyst();
            String who = analyst.getName() != null ? analyst.getName() : analyst.getLabel() != null ? analyst.getLabel() : "(unnamed)";
            String firm = analyst.getAffiliation() == null ? "" : " (" + analyst.getAffiliation() + ")";
            String answeredBy = x.getAnsweredBy().stream()
                    .map(s -> s.getName() != null ? s.getName() : String.valueOf(s.getLabel()))
                    .collect(Collectors.joining(", "));
            out.printf("%4d  %s%s; answered by %s%s%n", x.getExchangeIndex(), who, firm,
                    answeredBy.isEmpty() ? "no one" : answeredBy,
                    x.getDeclined() ? "; DECLINED: \"" + x.getDeclineEvidence().getText() + "\"" : "");
        }
    }
}
