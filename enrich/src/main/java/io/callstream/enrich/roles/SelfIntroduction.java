package io.callstream.enrich.roles;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A speaker naming themselves and their firm as they begin ("Hi Ismael, it's Pot from Morgan Stanley", "This is Craig
 * Moore with Autonomous"): what a caller says, since the company's people need no firm. Read in a turn's first words
 * only; a department ("from Investor Relations") is not a firm.
 */
public final class SelfIntroduction {

    private static final Pattern INTRODUCES_SELF = Pattern.compile(
            "\\b(?i:this\\s+is|it's|it\u2019s|I'm|I\u2019m|I\\s+am|my\\s+name\\s+is)\\s+"
                    + "(?<name>\\p{Lu}[\\p{L}'\\-.]*(?:\\s+\\p{Lu}[\\p{L}'\\-.]*){0,2}?)"
                    + "\\s+(?i:from|with|at)\\s+(?!I\\b)(?<firm>\\p{Lu}[^.,;?!<>()]{1,60})");
    private static final Pattern DEPARTMENT = Pattern.compile(
            "(?i)\\b(?:relations|communications|finance|treasury|management|team|department|office|company|our|the)\\b");

    // "My name is Indira Diaz, Cementos Argos IRO": a name, a comma, then the firm and title; trusted only where the
    // firm is the call's own (a title alone, "CEO", names no firm).
    private static final Pattern NAMES_SELF_WITH_TITLE = Pattern.compile(
            "\\b(?i:this\\s+is|I'm|I\u2019m|I\\s+am|my\\s+name\\s+is)\\s+"
                    + "\\p{Lu}[\\p{L}'\\-.]*(?:\\s+\\p{Lu}[\\p{L}'\\-.]*){0,2}?,\\s+(?<firm>\\p{Lu}[^.,;?!<>()]{1,60})");

    /** Every introduction holds one of these words; most openings none, and are spared the scans. */
    private static final Opening OPENING = new Opening(160, List.of("this is", "it's", "it\u2019s", "i'm", "i\u2019m",
            "i am", "name is"));

    private SelfIntroduction() {
    }

    /**
     * The words after a speaker's name and a comma in the opening words of {@code text} ("Cementos Argos IRO"),
     * where they introduce themselves so: the firm and title, or a title alone.
     */
    public static Optional<String> firmAndTitle(String text) {
        String opening = OPENING.of(text);
        if (opening == null) {
            return Optional.empty();
        }
        Matcher m = NAMES_SELF_WITH_TITLE.matcher(opening);
        return m.find() ? Optional.of(m.group("firm").strip()) : Optional.empty();
    }

    /** The firm a speaker names as theirs in the opening words of {@code text}, if any. */
    public static Optional<String> firm(String text) {
        String opening = OPENING.of(text);
        if (opening == null) {
            return Optional.empty();
        }
        Matcher m = INTRODUCES_SELF.matcher(opening);
        if (!m.find()) {
            return Optional.empty();
        }
        String firm = m.group("firm").strip();
        return DEPARTMENT.matcher(firm).find() ? Optional.empty() : Optional.of(firm);
    }
}
