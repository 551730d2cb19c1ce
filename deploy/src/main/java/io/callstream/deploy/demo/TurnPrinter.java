package io.callstream.deploy.demo;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.function.Consumer;

import io.callstream.avro.Speaker;
import io.callstream.avro.SpeakerTurn;
import io.callstream.avro.Status;

/** Prints each turn once it is final: index, role, who, and the first words. */
final class TurnPrinter implements Consumer<SpeakerTurn> {

    private static final int FIRST_WORDS = 12;
    private final PrintStream out;

    TurnPrinter(PrintStream out) {
        this.out = out;
    }

    @Override
    public void accept(SpeakerTurn turn) {
        if (turn.getStatus() != Status.FINAL) {
            return;
        }
        out.printf("%4d  %-9s %-28s %s%n", turn.getTurnIndex(), turn.getSpeaker().getRole(), who(turn.getSpeaker()),
                firstWords(turn.getText()));
    }

    private static String who(Speaker s) {
        String name = s.getName() != null ? s.getName() : s.getLabel() != null ? s.getLabel() : "(no speaker label)";
        return name.length() > 28 ? name.substring(0, 27) + "…" : name;
    }

    static String firstWords(String text) {
        String[] words = text.split(" ");
        if (words.length <= FIRST_WORDS) {
            return text;
        }
        return String.join(" ", Arrays.copyOf(words, FIRST_WORDS)) + " …";
    }
}
