package io.callstream.ingest.parse;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The call-time stamp that opens a paragraph of a timed transcript, {@code (mm:ss)} or {@code (h:mm:ss)}, and the
 * paragraph's text after it. Only a stamp at the start of a line (indentation aside) counts: a time inside the text ("we met at
 * (10:30)") is speech, not timing.
 *
 * @param offsetMs milliseconds since the call began
 * @param text     what follows the stamp, unchanged
 */
record ParagraphStamp(long offsetMs, String text) {

    /** Minutes may pass 59 ({@code (75:02)}) in files that never switch to hours; seconds may not. */
    private static final Pattern STAMP = Pattern.compile(
            "^\\((?:(\\d{1,2}):([0-5]\\d):([0-5]\\d)|(\\d{1,3}):([0-5]\\d))\\)(?:\\s+|$)");

    static Optional<ParagraphStamp> read(String line) {
        Matcher m = STAMP.matcher(line.stripLeading());
        if (!m.find()) {
            return Optional.empty();
        }
        long seconds = m.group(1) != null
                ? (Long.parseLong(m.group(1)) * 60 + Long.parseLong(m.group(2))) * 60 + Long.parseLong(m.group(3))
                : Long.parseLong(m.group(4)) * 60 + Long.parseLong(m.group(5));
        return Optional.of(new ParagraphStamp(seconds * 1000, line.stripLeading().substring(m.end())));
    }

    static boolean opens(String line) {
        return STAMP.matcher(line.stripLeading()).find();
    }
}
