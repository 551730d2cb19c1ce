package io.callstream.enrich.roles;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.callstream.avro.Role;

/**
 * Words only one side of an earnings call says: a caller thanks the company for taking their question or counts
 * their questions; the company thanks the caller for the question and answers it. Read in a turn's opening words,
 * where they say who is speaking rather than quote someone.
 */
public final class SideCue {

    private static final Pattern CALLER = Pattern.compile(
            "(?i)\\b(?:thanks?(?:\\s+you)?\\s+(?:(?:very\\s+)?much\\s+)?for\\s+taking\\s+my\\s+questions?"
                    // "I have two questions", but not a host's "I've got a question from Anthony"
                    + "|I(?:'ve|\u2019ve)?\\s+(?:have|had|got)\\s+(?:just\\s+)?(?:a|one|two|three|a\\s+couple(?:\\s+of)?|a\\s+few)"
                    + "\\s+(?:quick\\s+|short\\s+|follow[-\\s]up\\s+)?questions?\\b(?!\\s+(?:from|here|for\\s+you|on\\s+the))"
                    + "|my\\s+(?:first|second|third|next|last|final|follow[-\\s]up|other)\\s+question"
                    + "|(?:congratulations|congrats)\\s+on"
                    // a caller taking in an answer, or handing the floor back
                    + "|thanks\\s+for\\s+the\\s+colou?r"
                    + "|that's\\s+all\\s+from\\s+me|(?:I'll|I\u2019ll|I\\s+will)\\s+(?:turn|pass|hand)\\s+it\\s+back|back\\s+(?:in|into)\\s+the\\s+queue)");
    private static final Pattern COMPANY = Pattern.compile(
            "(?i)\\b(?:thanks?(?:\\s+you)?\\s+(?:(?:very\\s+)?much\\s+)?for\\s+(?:the|your|that|those)\\s+questions?"
                    + "|(?:good|great|fair|excellent)\\s+question|to\\s+answer\\s+your\\s+question"
                    + "|welcome\\s+(?:\\w+\\s+){0,3}?to\\s+our\\b|you're\\s+welcome|you\u2019re\\s+welcome)");

    /** Every match of either pattern holds one of these words; most openings none, and are spared the scans. */
    private static final Opening OPENING = new Opening(160, List.of("question", "congrat", "colo", "from me", "back",
            "welcome"));

    // A caller taking in an answer: a short line of thanks or acknowledgement and nothing else ("Got it, thank you.",
    // "Perfect. Now, very clear. Thank you very much."). An executive's "Thanks, Adam." opens an answer, and goes on.
    private static final Pattern TAKES_IN_ANSWER = Pattern.compile(
            "(?i)(?:\\W*(?:okay|ok|great|perfect|good|yeah|yes|right|all\\s+right|now|understood|got\\s+it|"
                    + "(?:that's|that\u2019s|that\\s+is|it's|very)\\s+(?:very\\s+)?(?:clear|helpful)|"
                    + "thank\\s+you(?:\\s+(?:very|so)\\s+much)?|thanks(?:\\s+(?:very|so)\\s+much)?|many\\s+thanks|"
                    + "(?:I\\s+)?appreciate\\s+(?:it|that)|for\\s+the\\s+answers?)\\b)+\\W*");
    private static final int SHORT_LINE_CHARS = 80;
    /** A line of thanks holds one of these: "Okay." alone does not say the caller has their answer. */
    private static final List<String> ACKNOWLEDGEMENTS = List.of("thank", "got it", "understood", "clear", "helpful",
            "appreciate");

    private SideCue() {
    }

    /**
     * Whether {@code text} is a short line of thanks or acknowledgement only, as a caller says on hearing an answer
     * (it must hold a thanks or an acknowledgement, not just "Okay.").
     */
    public static boolean takesInAnswer(String text) {
        if (text == null || text.length() > SHORT_LINE_CHARS) {
            return false;
        }
        return Opening.holdsAny(text.toLowerCase(Locale.ROOT), ACKNOWLEDGEMENTS)
                && TAKES_IN_ANSWER.matcher(text).matches();
    }

    /** ANALYST or EXECUTIVE where the opening words of {@code text} say which side speaks, else UNKNOWN. */
    public static Role of(String text) {
        String opening = OPENING.of(text);
        if (opening == null) {
            return Role.UNKNOWN;
        }
        boolean caller = CALLER.matcher(opening).find();
        boolean company = COMPANY.matcher(opening).find();
        return caller == company ? Role.UNKNOWN : caller ? Role.ANALYST : Role.EXECUTIVE;
    }
}
