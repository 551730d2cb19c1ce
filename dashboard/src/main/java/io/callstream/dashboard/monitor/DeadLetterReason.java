package io.callstream.dashboard.monitor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.callstream.avro.DeadLetter;

/**
 * A dead letter's reason as a short category for a metric tag. The reason itself is free text naming lines,
 * offsets and URLs ("line c1-L00005 has seq 5 ..."), one time series per dead letter if used as it is. The
 * category is the exception's simple class name where an exception was the cause, else the reason's leading
 * words up to the first one that is not a plain word or up to a colon or full stop ("line after the call
 * ended", "the store refused the record", "cannot read record").
 */
final class DeadLetterReason {

    /** Enough to tell the rules apart ("line after the call ended"), too few to reach the ids that follow. */
    private static final int MAX_WORDS = 5;

    private DeadLetterReason() {
    }

    static String category(DeadLetter letter) {
        String errorClass = letter.getErrorClass();
        if (errorClass != null && !errorClass.isBlank()) {
            return errorClass.substring(errorClass.lastIndexOf('.') + 1).replace('$', '.');
        }
        List<String> words = new ArrayList<>();
        for (String word : letter.getReason().trim().split("\\s+")) {
            // "record:" ends the category with its word; "c1-L00005" or "(at" ends it before.
            boolean last = word.length() > 1 && ":,.;!?".indexOf(word.charAt(word.length() - 1)) >= 0;
            String bare = last ? word.substring(0, word.length() - 1) : word;
            if (words.size() == MAX_WORDS || bare.isEmpty() || !bare.chars().allMatch(Character::isLetter)) {
                break;
            }
            words.add(bare.toLowerCase(Locale.ROOT));
            if (last) {
                break;
            }
        }
        return words.isEmpty() ? "unspecified" : String.join(" ", words);
    }
}
