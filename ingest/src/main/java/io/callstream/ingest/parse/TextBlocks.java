package io.callstream.ingest.parse;

import java.util.ArrayList;
import java.util.List;

/** Splits text into blocks of consecutive non-blank lines, the unit of blank-line separated layouts. */
final class TextBlocks {

    /** One block: its lines joined by single spaces, and how many source lines it had. */
    record Block(String text, int lineCount) {
    }

    private TextBlocks() {
    }

    static List<Block> split(String text) {
        List<Block> blocks = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        // A byte-order mark would otherwise glue itself to the first word.
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        for (String line : body.split("\\R", -1)) {
            if (line.isBlank()) {
                flush(lines, blocks);
            } else {
                lines.add(line.strip());
            }
        }
        flush(lines, blocks);
        return blocks;
    }

    private static void flush(List<String> lines, List<Block> blocks) {
        if (!lines.isEmpty()) {
            blocks.add(new Block(String.join(" ", lines), lines.size()));
            lines.clear();
        }
    }
}
