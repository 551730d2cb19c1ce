package io.callstream.deploy.demo;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Consumer;

import io.callstream.avro.Speaker;
import io.callstream.avro.SpeakerTurn;
import io.callstream.avro.Status;

/**
 * Prints each turn once, when it is first final: index, role, who, the first words and its topics. A correction
 * re-issued later is not printed again.
 */
final class TurnPrinter implements Consumer<SpeakerTurn> {

    private static final int FIRST_WORDS = 12;
    private final PrintStream out;
    private final Function<SpeakerTurn, List<String>> topicsOf;
    private final Set<String> printed = new HashSet<>();

    /** {@code topicsOf} gives the topic ids the turn was tagged with (empty where none). */
    TurnPrinter(PrintStream out, Function<SpeakerTurn, List<String>> topicsOf) {
        this.out = out;
        this.topicsOf = topicsOf;
    }

    @Override
    public void accept(SpeakerTurn turn) {
        if (turn.getStatus() != Status.FINAL || !printed.add(turn.getCallId() + "/" + turn.getTurnIndex())) {
            return;
        }
        List<String> topics = topicsOf.apply(turn);
        out.printf("%4d  %-9s %-28s %s%s%n", turn.getTurnIndex(), turn.getSpeaker().getRole(), who(turn.getSpeaker()),
                firstWords(turn.getText()), topics.isEmpty() ? "" : "  [" + String.join(", ", topics) + "]");
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
