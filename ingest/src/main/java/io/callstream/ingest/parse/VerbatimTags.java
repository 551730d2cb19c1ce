package io.callstream.ingest.parse;

import io.callstream.avro.LineFlag;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The angle-bracket tags of Rev's verbatim style ({@code <inaudible>}, {@code <unk>}, {@code <crosstalk>},
 * {@code <laugh>}, ...), read as line flags.
 *
 * <p>The tags stay in the text: they are the transcript's own words for what happened, a line can be nothing but
 * a tag ({@code (12:04) <inaudible>.}) and would otherwise go empty, and both renderings of a call (the timed
 * text and its segments) then carry the same text. A consumer that wants clean prose strips them; one that
 * quotes the line sees that something was missed. Only the tags that mean words are missing from the text
 * raise a flag:
 * <ul>
 *   <li>{@code <inaudible>} and {@code <unk>} (a word the transcriber could not identify) → {@link LineFlag#INAUDIBLE};</li>
 *   <li>{@code <crosstalk>} (speakers talking over each other) → {@link LineFlag#CROSSTALK};</li>
 *   <li>{@code <laugh>}, {@code <cough>}, {@code <silence>}, {@code <affirmative>}, {@code <foreign>} and any
 *       other tag: no flag; they describe the audio, and no flag fits ({@code OTHER} is the schema's fallback for
 *       unknown symbols, not a remark).</li>
 * </ul>
 */
final class VerbatimTags {

    private static final Pattern TAG = Pattern.compile("<(\\p{Alpha}+)>");

    private VerbatimTags() {
    }

    static Set<LineFlag> flags(String text) {
        Set<LineFlag> flags = EnumSet.noneOf(LineFlag.class);
        if (text.indexOf('<') < 0) {
            return flags; // every tag starts with one; most lines hold none, and the regex would try every character
        }
        Matcher m = TAG.matcher(text);
        while (m.find()) {
            switch (m.group(1).toLowerCase(Locale.ROOT)) {
                case "inaudible", "unk" -> flags.add(LineFlag.INAUDIBLE);
                case "crosstalk" -> flags.add(LineFlag.CROSSTALK);
                default -> {
                    // Audio events; kept in the text, not flagged (see the class comment).
                }
            }
        }
        return flags;
    }
}
